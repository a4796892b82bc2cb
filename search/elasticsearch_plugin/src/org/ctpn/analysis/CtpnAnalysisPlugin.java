package org.ctpn.analysis;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
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
            "ctpn_english", provider(EnglishAnalyzer::new),
            "ctpn_swedish", provider(SwedishAnalyzer::new),
            "ctpn_french", provider(FrenchAnalyzer::new),
            "ctpn_spanish", provider(SpanishAnalyzer::new),
            "ctpn_dutch", provider(DutchAnalyzer::new),
            "ctpn_german", provider(GermanAnalyzer::new),
            "ctpn_catalan", provider(CatalanAnalyzer::new),
            "ctpn_folding", provider(FoldingAnalyzer::new)
        );
    }
}
