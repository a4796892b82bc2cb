package org.ctpn.analysis;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The portal's language analyzers, taken from Lucene (which every Elasticsearch
 * node ships). The minimal distribution the portal runs in tests has no
 * analysis-common module, so it has no language analyzers of its own.
 *
 * Each language analyzer folds accents after stemming, so "securite" finds
 * "sécurité" and "stod" finds "Stöd" in the stemmed field itself: the portal
 * needs no second, folded copy of every long text to search.
 */
public class CtpnAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** Lower-cased, accent-folded words: the fallback for unknown languages and for autocomplete. */
    static final class FoldingAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, result);
        }
    }

    /** {@code language} with accents folded after its own filters (its stemmer reads them). */
    static Analyzer folded(Analyzer language) {
        return new AnalyzerWrapper(Analyzer.GLOBAL_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return language;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(), new ASCIIFoldingFilter(components.getTokenStream()));
            }

            @Override
            protected TokenStream wrapTokenStreamForNormalization(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(in);
            }
        };
    }

    private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> provider(Supplier<Analyzer> factory) {
        return (indexSettings, environment, name, settings) -> new AbstractIndexAnalyzerProvider<Analyzer>(name, settings) {
            private final Analyzer analyzer = factory.get();

            @Override
            public Analyzer get() {
                return analyzer;
            }
        };
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(
            "ctpn_english", provider(() -> folded(new EnglishAnalyzer())),
            "ctpn_swedish", provider(() -> folded(new SwedishAnalyzer())),
            "ctpn_french", provider(() -> folded(new FrenchAnalyzer())),
            "ctpn_spanish", provider(() -> folded(new SpanishAnalyzer())),
            "ctpn_dutch", provider(() -> folded(new DutchAnalyzer())),
            "ctpn_german", provider(() -> folded(new GermanAnalyzer())),
            "ctpn_catalan", provider(() -> folded(new CatalanAnalyzer())),
            "ctpn_folding", provider(FoldingAnalyzer::new)
        );
    }
}
