using System.Diagnostics.CodeAnalysis;

namespace StarSync.Engine.Accounts;

/// <summary>The one normal form of an email address, used for storing, finding and throttling.</summary>
public static class AccountEmail
{
    /// <summary>
    /// Trims and lower-cases the address (invariant culture), so "Asha@Example.COM " and "asha@example.com" are one
    /// account. Lower case, not upper: it is how people write addresses and how they are shown back.
    /// </summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normal = Fold(email);
        if (normal.Length is 0 or > 254 || !normal.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        }

        return normal;
    }

    /// <summary>Trim and lower-case (invariant culture) without checking that the text is an address.</summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase",
        Justification = "Email addresses are conventionally shown and compared in lower case; the invariant culture makes the result the same everywhere.")]
    internal static string Fold(string text) => text.Trim().ToLowerInvariant();

    /// <summary>The unique stand-in that replaces a deleted account's address.</summary>
    public static string Tombstone(string accountId) => $"deleted-{accountId}@deleted.invalid";
}
