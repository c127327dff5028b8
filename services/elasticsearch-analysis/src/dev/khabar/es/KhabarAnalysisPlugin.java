package dev.khabar.es;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The `hindi` and `english` analyzers and the token filters they are built from, for test clusters that
 * run Elastic's integ-test distribution (the only Elasticsearch 8.14.1 on Maven Central, which ships
 * without the analysis-common module). They wrap the same Lucene classes analysis-common wraps, from the
 * lucene-analysis-common jar the server already carries, so mappings behave as on a full distribution.
 */
public class KhabarAnalysisPlugin extends Plugin implements AnalysisPlugin {

  private static AnalysisProvider<AnalyzerProvider<? extends Analyzer>> analyzer(Supplier<Analyzer> make) {
    return (indexSettings, env, name, settings) -> new AbstractIndexAnalyzerProvider<Analyzer>(name, settings) {
      private final Analyzer analyzer = make.get();

      @Override
      public Analyzer get() {
        return analyzer;
      }
    };
  }

  private static AnalysisProvider<TokenFilterFactory> filter(Function<TokenStream, TokenStream> wrap) {
    return (indexSettings, env, name, settings) -> new AbstractTokenFilterFactory(name, settings) {
      @Override
      public TokenStream create(TokenStream stream) {
        return wrap.apply(stream);
      }
    };
  }

  @Override
  public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
    return Map.of("hindi", analyzer(HindiAnalyzer::new), "english", analyzer(EnglishAnalyzer::new));
  }

  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    return Map.of(
        "lowercase", filter(LowerCaseFilter::new),
        "indic_normalization", filter(IndicNormalizationFilter::new),
        "hindi_normalization", filter(HindiNormalizationFilter::new),
        "hindi_stem", filter(HindiStemFilter::new),
        "porter_stem", filter(PorterStemFilter::new),
        "english_possessive", filter(EnglishPossessiveFilter::new),
        "decimal_digit", filter(DecimalDigitFilter::new));
  }
}
