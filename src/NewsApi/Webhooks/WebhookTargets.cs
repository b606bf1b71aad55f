using System.Net;
using System.Net.Sockets;

namespace NewsApi.Webhooks;

/// <summary>
/// Where deliveries may go (SSRF): only http(s), and never to this machine or a private network unless
/// Webhooks:AllowPrivateTargets says so. A URL is checked when subscribed, and the addresses its host resolves to are
/// checked again at every connection (a name may be made to resolve to 127.0.0.1 after it was accepted); redirects are
/// not followed, so a 3xx cannot lead a delivery anywhere either.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why a URL may not be a target, or null when it may.</summary>
    public static string? Refusal(string? url, bool allowPrivate)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "url is an absolute http or https URL.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "url carries no user name or password.";
        }
        if (uri.Fragment.Length > 0)
        {
            return "url has no fragment.";
        }
        if (allowPrivate)
        {
            return null;
        }
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address))
        {
            return "url points at a loopback, private or link-local address.";
        }
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "url points at this machine.";
        }
        return null;
    }

    /// <summary>Loopback, unspecified, private (RFC 1918, unique local), shared (CGNAT), link-local, multicast and broadcast addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || b[0] >= 224;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC
                // IPv4-compatible (::a.b.c.d), NAT64 and 6to4 forms can reach IPv4 space: refused unless they are public in it.
                || (b.Take(12).All(x => x == 0) && IsPrivate(new IPAddress(b[12..])))
                || (b[0] == 0x20 && b[1] == 0x02 && IsPrivate(new IPAddress(b[2..6])))
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && IsPrivate(new IPAddress(b[12..])));
        }
        return true;
    }

    /// <summary>
    /// The handler deliveries are sent with: no proxy, no redirects, no cookies, and a connection only to an address
    /// that passed the check after the host's name was resolved.
    /// </summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToList();
            if (allowed.Count == 0)
            {
                throw new RefusedTargetException($"{host} resolves only to loopback, private or link-local addresses, which webhooks may not reach.");
            }
            Exception? last = null;
            foreach (var address in allowed)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    last = e;
                }
            }
            throw last!;
        },
    };
}

public sealed class RefusedTargetException(string message) : IOException(message);
