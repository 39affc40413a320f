using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Astrologers;

/// <summary>What an astrologer may change on their own profile; a null member keeps the current value. Rate in paise per minute.</summary>
public sealed record OwnProfileChange(string? Bio, IReadOnlyList<string>? Languages, IReadOnlyList<string>? Expertise, long? RatePerMinute);

/// <summary>
/// An astrologer edits their own bio, languages, expertise and rate. The rate must lie within the range an admin
/// allowed them; name, years and the range itself stay with admins.
/// </summary>
public sealed class AstrologerProfileEditor(IAstrologerProfileStore profiles)
{
    /// <summary>Field errors keyed by the camelCase field, or the stored profile; (no errors, null) when there is no such profile.</summary>
    public async Task<(Dictionary<string, string[]> Errors, AstrologerProfile? Profile)> UpdateAsync(string astrologerId, OwnProfileChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await profiles.FindAsync(astrologerId, cancellationToken);
        if (current is null || current.Status == Engine.Accounts.AccountStatus.Deleted)
        {
            return ([], null);
        }

        var d = current.Details;
        var rate = change.RatePerMinute ?? d.RatePerMinute;
        if (rate < d.MinRatePerMinute || rate > d.MaxRatePerMinute)
        {
            return (Error("ratePerMinute", $"The rate must be from {Money.Format(d.MinRatePerMinute)} to {Money.Format(d.MaxRatePerMinute)} per minute."), null);
        }

        var details = d with
        {
            Bio = change.Bio ?? d.Bio,
            Languages = change.Languages ?? d.Languages,
            Expertise = change.Expertise ?? d.Expertise,
            RatePerMinute = rate,
        };
        try
        {
            if (!await profiles.UpdateAsync(astrologerId, details, cancellationToken))
            {
                return ([], null);
            }
        }
        catch (ArgumentException e)
        {
            return (Error(e.ParamName ?? "$", FirstSentence(e.Message)), null);
        }

        return ([], await profiles.FindAsync(astrologerId, cancellationToken));
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    // ArgumentException appends " (Parameter 'x')" to the message.
    private static string FirstSentence(string message) =>
        message.IndexOf(" (Parameter", StringComparison.Ordinal) is var i and >= 0 ? message[..i] : message;
}
