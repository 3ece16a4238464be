package dev.providers.engine.internal.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The hint for a refused connection to {@code localhost} that resolved to IPv6 first: servers
 * that listen on {@code 127.0.0.1} only (llama-server's default, many dev servers) refuse
 * {@code ::1}, and "connection refused" alone sends users looking for a server that is running.
 */
public final class LoopbackHint {

    private LoopbackHint() { }

    /**
     * Returns the hint for a failed connection to {@code uri} (resolving {@code localhost} from
     * the hosts file again), or the empty string when there is none.
     */
    public static String forConnectFailure(URI uri) {
        String host = uri.getHost();
        if (host == null || !host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return "";
        }
        try {
            return hint(host, List.of(InetAddress.getAllByName(host)));
        } catch (UnknownHostException | SecurityException e) {
            return "";
        }
    }

    /**
     * Returns {@code " (localhost resolved to ::1; ...)"} when {@code host} is {@code localhost}
     * and the first of its {@code resolved} addresses, the one tried first, is IPv6; else "".
     */
    public static String hint(String host, List<InetAddress> resolved) {
        if (!host.toLowerCase(Locale.ROOT).equals("localhost") || resolved.isEmpty()
                || !(resolved.get(0) instanceof Inet6Address first)) {
            return "";
        }
        String address = first.isLoopbackAddress() ? "::1" : first.getHostAddress();
        return " (localhost resolved to " + address + "; if the server listens on IPv4 only, "
                + "use 127.0.0.1)";
    }
}
