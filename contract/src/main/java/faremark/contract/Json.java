package faremark.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration every faremark process uses, so what one writes the other reads. */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /** Shared, thread-safe mapper: ISO dates, no timestamps, tolerant of fields added later. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static JsonMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
