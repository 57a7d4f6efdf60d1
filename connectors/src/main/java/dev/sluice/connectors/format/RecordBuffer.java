package dev.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * One Jackson generator for an encoder's life, writing each record into a buffer that is emptied
 * after it: no generator or tree per row. After a failed record the generator is dropped, so the
 * next record starts clean.
 */
final class RecordBuffer {
  /** Makes the generator over the buffer, as the format writes. */
  interface GeneratorFactory {
    JsonGenerator create(Writer out) throws IOException;
  }

  private final String format;
  private final GeneratorFactory factory;
  private final StringWriter buffer = new StringWriter();
  private JsonGenerator generator;

  /** @param format the format's name, for errors ({@code CSV}, {@code JSON}) */
  RecordBuffer(String format, GeneratorFactory factory) {
    this.format = format;
    this.factory = factory;
  }

  /** The generator to write the next record with. */
  JsonGenerator generator() throws IOException {
    if (generator == null) generator = factory.create(buffer);
    return generator;
  }

  /** The record written since the last call. */
  String take() throws IOException {
    generator.flush();
    String record = buffer.toString();
    buffer.getBuffer().setLength(0);
    return record;
  }

  /** Forgets the failed record and the generator; returns the error to throw. */
  IllegalStateException failed(IOException e) {
    generator = null;
    buffer.getBuffer().setLength(0);
    String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return new IllegalStateException("Cannot write a " + format + " record: " + reason, e);
  }
}
