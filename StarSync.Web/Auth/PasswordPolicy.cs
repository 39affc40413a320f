namespace StarSync.Web.Auth;

/// <summary>
/// What a new password must be: at least 10 characters, not one of the passwords that top every breach list, and not
/// the account's own email.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128; // BCrypt reads only 72 bytes; longer inputs are refused rather than silently cut.

    // The 10+-character entries of the most common breached passwords, lower-cased.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc", "0987654321", "1111111111",
        "0000000000", "qwertyuiop", "password123", "password12", "password1!", "passw0rd123", "iloveyou123",
        "qwerty12345", "qwerty123456", "abcdefghij", "abcd123456", "asdfghjkl1", "zaq12wsxcde", "letmein123",
        "welcome123", "welcome1234", "administrator", "admin12345", "trustno1234", "sunshine123", "football123",
        "princess123", "starsync123", "changeme123", "1234qwerty", "qwertyuiop1", "q1w2e3r4t5", "a1b2c3d4e5",
        "passwordpassword", "11111111111", "123123123123", "987654321a", "monkey12345",
    };

    /// <summary>Null when acceptable, else the message to show beside the password field.</summary>
    public static string? Check(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Password is required.";
        }

        if (password.Length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters.";
        }

        if (password.Length > MaximumLength)
        {
            return $"Use at most {MaximumLength} characters.";
        }

        if (Common.Contains(password) || password.Distinct().Count() <= 2)
        {
            return "This password is too common. Choose one that is harder to guess.";
        }

        if (email is { Length: > 0 } && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not be your email address.";
        }

        return null;
    }
}
