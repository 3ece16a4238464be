package dev.providers.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** A short description of the machine and JVM, for report headers. */
final class Machine {

    private Machine() { }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep the placeholder
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return "| date | " + LocalDate.now() + " |\n"
                + "| CPU | " + cpu + ", " + Runtime.getRuntime().availableProcessors()
                + " cores |\n"
                + "| JVM | " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB |\n"
                + "| load average at start | " + String.format("%.2f", load) + " |\n";
    }
}
