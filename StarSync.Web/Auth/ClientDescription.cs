using System.Net;
using System.Net.Sockets;

namespace StarSync.Web.Auth;

/// <summary>
/// What the "signed in on another device" notice shows: a coarse browser-and-OS class from the user agent and the
/// client address with its host part masked. Coarse on purpose: enough to recognise one's own device, not to track it.
/// </summary>
public static class ClientDescription
{
    public static string Device(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var ua = userAgent;
        var browser =
            Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") ? "Edge" :
            Has(ua, "OPR/") || Has(ua, "Opera") ? "Opera" :
            Has(ua, "SamsungBrowser/") ? "Samsung Internet" :
            Has(ua, "Firefox/") || Has(ua, "FxiOS/") ? "Firefox" :
            Has(ua, "CriOS/") || Has(ua, "Chrome/") || Has(ua, "Chromium/") ? "Chrome" :
            Has(ua, "Safari/") && Has(ua, "Version/") ? "Safari" :
            Has(ua, "okhttp") || Has(ua, "Dart/") || Has(ua, "CFNetwork") ? "StarSync app" :
            Has(ua, "curl/") || Has(ua, "HttpClient") || Has(ua, "python-requests") ? "API client" :
            "Browser";
        var os =
            Has(ua, "Android") ? "Android" :
            Has(ua, "iPhone") || Has(ua, "iPad") || Has(ua, "iOS") ? "iOS" :
            Has(ua, "Windows") ? "Windows" :
            Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS" :
            Has(ua, "CrOS") ? "ChromeOS" :
            Has(ua, "Linux") ? "Linux" :
            null;
        return os is null ? browser : $"{browser} on {os}";
    }

    /// <summary>IPv4 with the last octet masked ("203.0.113.x"); IPv6 to its /48 ("2001:db8:85a3::/48").</summary>
    public static string CoarseAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return $"{b[0]}.{b[1]}.{b[2]}.x";
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 6, bytes.Length - 6);
        return $"{new IPAddress(bytes)}/48";
    }

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);
}
