#!/usr/bin/env bash
# Build the portal's analysis plugin against an Elasticsearch home: build.sh ES_HOME OUT_ZIP
set -euo pipefail
ES_HOME="$1"; OUT="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
VERSION="$(basename "$(ls "$ES_HOME"/lib/elasticsearch-[0-9]*.jar)" .jar)"; VERSION="${VERSION#elasticsearch-}"
JAVA_HOME="${ES_JAVA_HOME:-${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/classes" "$WORK/zip"
"$JAVA_HOME/bin/javac" --release 17 -nowarn -cp "$ES_HOME/lib/*" -d "$WORK/classes" \
    "$HERE"/src/org/ctpn/analysis/*.java
"$JAVA_HOME/bin/jar" --create --file "$WORK/zip/ctpn-analysis.jar" -C "$WORK/classes" .
cat > "$WORK/zip/plugin-descriptor.properties" <<PROPS
description=CTPN Knowledge Exchange language analyzers (Lucene's)
version=1.0.0
name=ctpn-analysis
classname=org.ctpn.analysis.CtpnAnalysisPlugin
java.version=17
elasticsearch.version=$VERSION
PROPS
(cd "$WORK/zip" && "$JAVA_HOME/bin/jar" --create --no-manifest --file "$OUT" .)
