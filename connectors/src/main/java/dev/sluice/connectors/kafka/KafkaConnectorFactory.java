package dev.sluice.connectors.kafka;

import dev.sluice.connectors.format.MalformedRecords;
import dev.sluice.runtime.spi.ConnectorOptions;
import dev.sluice.runtime.spi.ConnectorServices;
import dev.sluice.runtime.spi.Sink;
import dev.sluice.runtime.spi.SinkFactory;
import dev.sluice.runtime.spi.Source;
import dev.sluice.runtime.spi.SourceFactory;
import dev.sluice.runtime.spi.TableContext;
import dev.sluice.runtime.type.Schema;
import java.util.List;
import java.util.Set;

/**
 * The {@code 'connector' = 'kafka'} tables, with Flink's option names: {@code 'topic'}, {@code
 * 'properties.bootstrap.servers'} and any other {@code 'properties.*'} client setting, {@code
 * 'scan.startup.mode'}, {@code 'max-rows-per-trigger'}, {@code 'on-error'}, {@code 'format'} or
 * {@code 'value.format'}, {@code 'key.format'} and {@code 'key.fields'}, {@code
 * 'sink.delivery-guarantee'}, and the format options Flink's Kafka tables take ({@code
 * 'json.fail-on-missing-field'}, {@code 'json.ignore-parse-errors'}, also as {@code
 * 'value.json.*'} and {@code 'key.json.*'}). See {@link KafkaSource} and {@link KafkaSink} for
 * what reading and writing mean.
 */
public final class KafkaConnectorFactory implements SourceFactory, SinkFactory {
  public static final String IDENTIFIER = "kafka";

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<String> requiredOptions() {
    return Set.of(KafkaTableOptions.TOPIC, KafkaTableOptions.BOOTSTRAP_SERVERS);
  }

  @Override
  public Set<String> optionalOptions() {
    return KafkaTableOptions.OPTIONAL;
  }

  /** Client settings, passed to the consumer and producer as they are. */
  @Override
  public Set<String> optionPrefixes() {
    return Set.of(KafkaTableOptions.PROPERTIES_PREFIX);
  }

  /** Also checks the values of the options that take one of a few words. */
  @Override
  public void validate(ConnectorOptions options) {
    SourceFactory.super.validate(options);
    KafkaTableOptions.of(options);
    MalformedRecords.of(new TableContext(options.tableName(), new Schema(List.of()), options, new ConnectorServices()));
  }

  @Override
  public Source createSource(TableContext context) {
    return new KafkaSource(context);
  }

  @Override
  public Sink createSink(TableContext context) {
    return new KafkaSink(context);
  }
}
