package io.enginebench.pipeline.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code reports/index.html}: rebuilt from the dated folders on disk each time, newest first. */
final class ReportIndex {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private ReportIndex() {}

    static Path rebuild(Path outDir) throws IOException {
        List<String> dates = new ArrayList<>();
        try (Stream<Path> s = Files.list(outDir)) {
            s.filter(Files::isDirectory)
                    .filter(p -> DATE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.exists(p.resolve("final_report.html")))
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.reverseOrder())
                    .forEach(dates::add);
        }
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<title>EngineBench reports</title>\n<style>" + HtmlRenderer.CSS + "</style>\n</head>\n<body>\n"
                + "<h1>EngineBench reports</h1>\n");
        if (dates.isEmpty()) {
            sb.append("<p>No reports yet.</p>\n");
        } else {
            sb.append("<table>\n<tr><th>date</th><th>report</th><th>markdown</th></tr>\n");
            for (String d : dates) {
                sb.append("<tr><td>").append(d).append("</td><td><a class=\"report-link\" href=\"").append(d)
                        .append("/final_report.html\">final_report.html</a></td><td><a href=\"").append(d)
                        .append("/final_report.md\">final_report.md</a></td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</body>\n</html>\n");
        Path index = outDir.resolve("index.html");
        Files.writeString(index, sb.toString(), StandardCharsets.UTF_8);
        return index;
    }
}
