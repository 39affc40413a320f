using System.Globalization;
using NodaTime;
using StarSync.Engine.Consultations;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Components.Pages.Consultations;

/// <summary>
/// What a consultation's screens say, in plain words, from the viewer's side: "You ended it" to one party is
/// "Meera ended it" to the other. Pure functions, so the wording is tested without a browser.
/// </summary>
public static class ConsultationWording
{
    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    /// <summary>The summary's title for a consultation in a final state.</summary>
    public static string Headline(Consultation c, ConsultationParty viewer, string otherName)
    {
        ArgumentNullException.ThrowIfNull(c);
        var user = viewer == ConsultationParty.User;
        return c.State switch
        {
            ConsultationState.Ended => "Consultation ended",
            ConsultationState.Declined when c.EndedBy == ConsultationParty.System => user ? $"{otherName} is not taking consultations now" : "Request closed",
            ConsultationState.Declined => user ? $"{otherName} declined your request" : "You declined this request",
            ConsultationState.Expired => user ? $"{otherName} did not answer in time" : "This request expired before you answered",
            ConsultationState.Cancelled => user ? "You cancelled this request" : $"{otherName} cancelled the request",
            ConsultationState.Active => "Consultation in progress",
            _ => "Waiting for an answer",
        };
    }

    /// <summary>Who ended the consultation and why, as one sentence; for a request that never went live, what that means for money.</summary>
    public static string Reason(Consultation c, ConsultationParty viewer, string otherName)
    {
        ArgumentNullException.ThrowIfNull(c);
        var user = viewer == ConsultationParty.User;
        if (c.State != ConsultationState.Ended)
        {
            return c.State switch
            {
                ConsultationState.Declined when c.EndedBy == ConsultationParty.System => user
                    ? "The request was closed because the astrologer's account is no longer taking consultations. Nothing was charged."
                    : "The request was closed because your account is no longer taking consultations.",
                ConsultationState.Declined or ConsultationState.Expired or ConsultationState.Cancelled => user
                    ? "The consultation never started, so nothing was charged."
                    : "The consultation never started.",
                _ => "",
            };
        }

        return c.EndReason switch
        {
            ConsultationEndReason.UserEnded => user ? "You ended the consultation." : $"{otherName} ended the consultation.",
            ConsultationEndReason.AstrologerEnded => user ? $"{otherName} ended the consultation." : "You ended the consultation.",
            ConsultationEndReason.BalanceExhausted => user
                ? "It ended because your wallet balance ran out."
                : $"It ended because {otherName}'s wallet balance ran out.",
            ConsultationEndReason.UserDisconnected => user
                ? "It ended because you were disconnected for too long."
                : $"It ended because {otherName} was disconnected for too long.",
            ConsultationEndReason.AstrologerDisconnected => user
                ? $"It ended because {otherName} was disconnected for too long."
                : "It ended because you were disconnected for too long.",
            ConsultationEndReason.AstrologerDeactivated => user
                ? $"It ended because {otherName} is no longer available on StarSync."
                : "It ended because your astrologer account was deactivated.",
            ConsultationEndReason.ServerRestart => "It ended because StarSync restarted and you were not both back in time.",
            _ => "The consultation is over.",
        };
    }

    /// <summary>The billed minutes as words: "1 minute", "4 minutes".</summary>
    public static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes.ToString(CultureInfo.InvariantCulture)} minutes";

    /// <summary>Minutes whose earning the astrologer keeps: billed minutes less a refunded first one.</summary>
    public static int PaidMinutes(Consultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Math.Max(0, c.BilledMinutes - (c.FirstMinute == FirstMinuteOutcome.Refunded ? 1 : 0));
    }

    /// <summary>The astrologer's earning from a consultation (paise): paid minutes at the earning per minute fixed at acceptance.</summary>
    public static long Earning(Consultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.AcceptedAt is null ? 0 : PaidMinutes(c) * MinuteSplit.Of(c.RatePerMinute, c.CommissionBasisPoints).Earning;
    }

    /// <summary>The low-balance banner's sentence for <paramref name="minutesLeft"/> further minutes.</summary>
    public static string LowBalance(int? minutesLeft) => minutesLeft switch
    {
        null or <= 0 => "Your balance runs out at the end of this minute and the consultation will end.",
        1 => "Your balance covers only 1 more minute after this one.",
        { } n => $"Your balance covers only {n.ToString(CultureInfo.InvariantCulture)} more minutes after this one.",
    };

    /// <summary>A time of day in the viewer's zone ("14:05"), with the date when it is not today there.</summary>
    public static string Time(DateTimeOffset at, DateTimeZone zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        return local.Date == today ? local.ToString("HH:mm", India) : local.ToString("d MMM, HH:mm", India);
    }

    /// <summary>A span as a clock: "4:05", or "1:02:05" past an hour.</summary>
    public static string Clock(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}");
    }

    /// <summary>The first word of an account name (astrologers see only their client's first name).</summary>
    public static string FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Your client" : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>Money with its currency ("₹12.50").</summary>
    public static string Amount(long paise, string currency) => Money.Format(paise, currency);
}
