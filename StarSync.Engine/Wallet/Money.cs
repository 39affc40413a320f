namespace StarSync.Engine.Wallet;

/// <summary>Money rules: amounts are <see cref="long"/> minor units (paise) with an ISO 4217 currency code.</summary>
public static class Money
{
    /// <summary>The marketplace's currency.</summary>
    public const string DefaultCurrency = "INR";

    /// <summary>Minor units per major unit for <see cref="DefaultCurrency"/> (100 paise to the rupee).</summary>
    public const long MinorPerMajor = 100;

    /// <summary>Throws unless <paramref name="currency"/> is three upper-case letters.</summary>
    public static void RequireCurrency(string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));
        }
    }

    /// <summary>"₹1,234.50" (whole rupees without decimals: "₹500").</summary>
    public static string Format(long minor, string currency = DefaultCurrency)
    {
        var sign = minor < 0 ? "-" : "";
        var abs = Math.Abs(minor);
        var symbol = currency == DefaultCurrency ? "₹" : currency + " ";
        var major = abs / MinorPerMajor;
        var rest = abs % MinorPerMajor;
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-IN");
        return rest == 0
            ? $"{sign}{symbol}{major.ToString("#,0", culture)}"
            : $"{sign}{symbol}{major.ToString("#,0", culture)}.{rest:00}";
    }
}
