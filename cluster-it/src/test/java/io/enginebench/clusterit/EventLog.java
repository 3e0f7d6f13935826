package io.enginebench.clusterit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one application's Spark event log (uncompressed JSON lines) says about where its work ran: the application id
 * and, per executor id, its host and the number of tasks that ended on it.
 */
record EventLog(String appId, Map<String, String> executorHosts, Map<String, Integer> tasksByExecutor) {

    static EventLog read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        String appId = null;
        Map<String, String> hosts = new TreeMap<>();
        Map<String, Integer> tasks = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode e = json.readTree(line);
                switch (e.path("Event").asText()) {
                    case "SparkListenerApplicationStart" -> appId = e.path("App ID").asText();
                    case "SparkListenerExecutorAdded" ->
                            hosts.put(e.path("Executor ID").asText(), e.path("Executor Info").path("Host").asText());
                    case "SparkListenerTaskEnd" ->
                            tasks.merge(e.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
                    default -> { }
                }
            }
        }
        return new EventLog(appId, hosts, tasks);
    }
}
