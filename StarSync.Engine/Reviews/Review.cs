using StarSync.Engine.Consultations;

namespace StarSync.Engine.Reviews;

/// <summary>
/// A user's review of one consultation: 1–5 whole stars and plain text, one per consultation. Instants are UTC with
/// millisecond precision (as stored).
/// </summary>
public sealed record Review
{
    public required string Id { get; init; }

    /// <summary>The consultation reviewed (unique: one review per consultation).</summary>
    public required string ConsultationId { get; init; }

    /// <summary>The author: the consultation's user.</summary>
    public required string UserId { get; init; }

    /// <summary>The astrologer reviewed: the consultation's astrologer.</summary>
    public required string AstrologerId { get; init; }

    /// <summary>Whole stars, <see cref="ReviewRules.MinRating"/>–<see cref="ReviewRules.MaxRating"/>.</summary>
    public required int Rating { get; init; }

    /// <summary>Plain text as the author wrote it (trimmed; may be empty). Whoever renders it escapes it.</summary>
    public required string Text { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the author last changed it; null if never.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>The astrologer's one reply, if any.</summary>
    public ReviewReply? Reply { get; init; }

    /// <summary>Hidden by an admin: out of public lists and out of the rating; admins still see it.</summary>
    public bool Hidden { get; init; }

    /// <summary>Until when the author may edit it (<see cref="ReviewRules.EditWindow"/> from creation).</summary>
    public DateTimeOffset EditableUntil => CreatedAt + ReviewRules.EditWindow;
}

/// <summary>The astrologer's reply to a review: plain text, 1–<see cref="ReviewRules.MaxReplyLength"/> characters.</summary>
public sealed record ReviewReply(string Text, DateTimeOffset CreatedAt);

/// <summary>
/// The visible (not hidden) reviews of one astrologer: how many and the sum of their stars. The average is derived, so
/// nothing is rounded in storage.
/// </summary>
public sealed record ReviewSummary(int Count, long RatingSum)
{
    public static ReviewSummary None { get; } = new(0, 0);

    /// <summary>The mean rating (1–5), or null without reviews.</summary>
    public double? Average => Count == 0 ? null : (double)RatingSum / Count;
}

/// <summary>Why a consultation cannot be reviewed (yet).</summary>
public enum ReviewIneligibility
{
    /// <summary>It can be reviewed.</summary>
    None,

    /// <summary>It has not ended (requested, live, or never went live).</summary>
    NotEnded,

    /// <summary>No minute was paid from the wallet and kept: free minutes only, or everything refunded.</summary>
    NoPaidMinute,
}

/// <summary>The rules every review follows, in one place (docs/reviews.md).</summary>
public static class ReviewRules
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    /// <summary>The longest review text, in UTF-16 code units after trimming.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>The longest reply, in UTF-16 code units after trimming.</summary>
    public const int MaxReplyLength = 2_000;

    /// <summary>How long after creation the author may edit a review.</summary>
    public static TimeSpan EditWindow { get; } = TimeSpan.FromDays(7);

    public static bool IsRating(int rating) => rating is >= MinRating and <= MaxRating;

    /// <summary>The trimmed text when it is 0–<see cref="MaxTextLength"/> characters long (null text is empty); otherwise null.</summary>
    public static string? NormalizeText(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length > MaxTextLength ? null : trimmed;
    }

    /// <summary>The trimmed reply when it is 1–<see cref="MaxReplyLength"/> characters long; otherwise null.</summary>
    public static string? NormalizeReply(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReplyLength ? null : trimmed;
    }

    /// <summary>
    /// Whether <paramref name="c"/> may be reviewed: it ended, and at least one minute was paid from the wallet and not
    /// refunded. <see cref="Consultation.Charged"/> counts wallet money only and <see cref="Consultation.Refunded"/> what
    /// went back, and every minute costs the same rate, so "charged − refunded &gt; 0" is exactly "a paid minute stands".
    /// </summary>
    public static ReviewIneligibility Check(Consultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.State != ConsultationState.Ended)
        {
            return ReviewIneligibility.NotEnded;
        }

        return c.Charged - c.Refunded > 0 ? ReviewIneligibility.None : ReviewIneligibility.NoPaidMinute;
    }

    /// <summary>Whether the author may still edit <paramref name="review"/> at <paramref name="now"/>.</summary>
    public static bool IsEditable(Review review, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(review);
        return now < review.EditableUntil;
    }

    /// <summary>
    /// How a review's author is shown publicly: the first name and the initial of the last ("Asha R."), or the first
    /// name alone; <paramref name="fallback"/> for a deleted or nameless account.
    /// </summary>
    public static string AuthorName(string? name, bool deleted, string fallback = "Former client")
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (deleted || words.Length == 0)
        {
            return fallback;
        }

        return words.Length == 1 ? words[0] : words[0] + " " + char.ToUpperInvariant(words[^1][0]) + ".";
    }
}
