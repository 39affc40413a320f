using StarSync.Engine.Reviews;

namespace StarSync.Engine.Storage;

/// <summary>A review to store. Who may write it, and when, is the caller's rule (the web's review service).</summary>
public sealed record NewReview
{
    public required string ConsultationId { get; init; }

    public required string UserId { get; init; }

    public required string AstrologerId { get; init; }

    /// <summary>1–5 whole stars.</summary>
    public required int Rating { get; init; }

    /// <summary>Plain text; stored trimmed, 0–<see cref="ReviewRules.MaxTextLength"/> characters.</summary>
    public string Text { get; init; } = "";
}

/// <summary>Reviews of consultations and each astrologer's <see cref="ReviewSummary"/>.</summary>
/// <remarks>
/// Atomicity: <see cref="CreateAsync"/> is an insert on a unique consultation id, so of two racing creates for one
/// consultation exactly one succeeds. <see cref="ReplyAsync"/> writes only while there is no reply (one conditional
/// update). Every change that moves an astrologer's figures (create, edit, hide, unhide) then refreshes that
/// astrologer's summary by recounting the visible reviews in the store — never by adding to the old figures — and the
/// write of the recount is guarded so that an older recount never overwrites a newer one (see docs/reviews.md): under
/// concurrent reviews no count is lost, and the summary always ends up equal to a recount.
/// </remarks>
public interface IReviewStore
{
    /// <summary>Stores the review (created now); null when the consultation already has one.</summary>
    /// <exception cref="ArgumentException">The rating is not 1–5 or the text is longer than allowed.</exception>
    Task<Review?> CreateAsync(NewReview review, CancellationToken cancellationToken = default);

    Task<Review?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<Review?> FindByConsultationAsync(string consultationId, CancellationToken cancellationToken = default);

    /// <summary>Replaces rating and text and stamps the edit time; null when there is no such review.</summary>
    /// <exception cref="ArgumentException">The rating is not 1–5 or the text is longer than allowed.</exception>
    Task<Review?> EditAsync(string id, int rating, string text, CancellationToken cancellationToken = default);

    /// <summary>Stores the astrologer's reply; null when there is no such review or it already has a reply.</summary>
    /// <exception cref="ArgumentException">The reply is empty or too long after trimming.</exception>
    Task<Review?> ReplyAsync(string id, string text, CancellationToken cancellationToken = default);

    /// <summary>Hides or shows the review again; null when there is no such review.</summary>
    Task<Review?> SetHiddenAsync(string id, bool hidden, CancellationToken cancellationToken = default);

    /// <summary>The astrologer's reviews, newest first; hidden ones only when <paramref name="includeHidden"/>.</summary>
    Task<Page<Review>> ListByAstrologerAsync(string astrologerId, bool includeHidden, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The stored summary of the astrologer's visible reviews (<see cref="ReviewSummary.None"/> when none).</summary>
    Task<ReviewSummary> SummaryAsync(string astrologerId, CancellationToken cancellationToken = default);

    /// <summary>The stored summaries of several astrologers; those without reviews are absent.</summary>
    Task<IReadOnlyDictionary<string, ReviewSummary>> SummariesAsync(IReadOnlyCollection<string> astrologerIds, CancellationToken cancellationToken = default);
}

/// <summary>What both adapters do identically.</summary>
internal static class ReviewDocuments
{
    public static Review New(NewReview review, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentException.ThrowIfNullOrWhiteSpace(review.ConsultationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(review.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(review.AstrologerId);
        var (rating, text) = Checked(review.Rating, review.Text);
        return new Review
        {
            // Version 7: time-ordered, so id order is creation order.
            Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            ConsultationId = review.ConsultationId,
            UserId = review.UserId,
            AstrologerId = review.AstrologerId,
            Rating = rating,
            Text = text,
            CreatedAt = StoredTime.Now(clock),
        };
    }

    public static (int Rating, string Text) Checked(int rating, string? text)
    {
        if (!ReviewRules.IsRating(rating))
        {
            throw new ArgumentException($"A rating is {ReviewRules.MinRating}–{ReviewRules.MaxRating} whole stars.", nameof(rating));
        }

        var normalized = ReviewRules.NormalizeText(text)
            ?? throw new ArgumentException($"A review has at most {ReviewRules.MaxTextLength} characters.", nameof(text));
        return (rating, normalized);
    }

    public static string CheckedReply(string? text) => ReviewRules.NormalizeReply(text)
        ?? throw new ArgumentException($"A reply has 1–{ReviewRules.MaxReplyLength} characters after trimming.", nameof(text));

    public static void RequireList(string astrologerId, int skip, int take)
    {
        ArgumentException.ThrowIfNullOrEmpty(astrologerId);
        Paging.Require(skip, take);
    }
}
