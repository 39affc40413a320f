using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Reviews;
using StarSync.Engine.Storage;

namespace StarSync.Web.Reviews;

/// <summary>What became of a review action.</summary>
public enum ReviewOutcome
{
    Done,

    /// <summary>Not the caller's to act on (or there is nothing): answered as "does not exist".</summary>
    NotFound,

    /// <summary>The consultation cannot be reviewed (see <see cref="ReviewResult.Ineligibility"/>).</summary>
    NotEligible,

    /// <summary>The consultation already has its review.</summary>
    AlreadyReviewed,

    /// <summary>The seven days in which the author may edit are over.</summary>
    EditWindowClosed,

    /// <summary>The astrologer already replied.</summary>
    AlreadyReplied,
}

public sealed record ReviewResult(ReviewOutcome Outcome, Review? Review = null, ReviewIneligibility Ineligibility = ReviewIneligibility.None);

/// <summary>A review as the public sees it: the author by first name and initial only.</summary>
public sealed record PublicReview(Review Review, string AuthorName);

/// <summary>One row of a user's consultation history, with what they may do about its review.</summary>
/// <param name="Paid">What the user paid: charged − refunded (paise).</param>
public sealed record ConsultationReviewRow(Consultation Consultation, string AstrologerName, long Paid, Review? Review, ReviewIneligibility Ineligibility, bool CanEdit)
{
    public bool CanWrite => Review is null && Ineligibility == ReviewIneligibility.None;
}

/// <summary>
/// Reviews of consultations: only the consultation's user writes one (once, after it ended with a paid minute), edits
/// it for seven days, and its astrologer replies once. Anyone else finds no consultation. Rules: docs/reviews.md.
/// </summary>
public sealed class ReviewService(
    IConsultationStore consultations,
    IReviewStore reviews,
    IAccountStore accounts,
    IAstrologerProfileStore profiles,
    TimeProvider clock)
{
    public async Task<ReviewResult> CreateAsync(string userId, string consultationId, int rating, string text, CancellationToken cancellationToken = default)
    {
        var c = await UsersAsync(userId, consultationId, cancellationToken);
        if (c is null)
        {
            return new ReviewResult(ReviewOutcome.NotFound);
        }

        if (ReviewRules.Check(c) is not ReviewIneligibility.None and var why)
        {
            return new ReviewResult(ReviewOutcome.NotEligible, Ineligibility: why);
        }

        var created = await reviews.CreateAsync(new NewReview { ConsultationId = c.Id, UserId = c.UserId, AstrologerId = c.AstrologerId, Rating = rating, Text = text }, cancellationToken);
        return created is null
            ? new ReviewResult(ReviewOutcome.AlreadyReviewed, await reviews.FindByConsultationAsync(c.Id, cancellationToken))
            : new ReviewResult(ReviewOutcome.Done, created);
    }

    public async Task<ReviewResult> EditAsync(string userId, string consultationId, int rating, string text, CancellationToken cancellationToken = default)
    {
        var c = await UsersAsync(userId, consultationId, cancellationToken);
        var review = c is null ? null : await reviews.FindByConsultationAsync(c.Id, cancellationToken);
        if (review is null)
        {
            return new ReviewResult(ReviewOutcome.NotFound);
        }

        if (!ReviewRules.IsEditable(review, clock.GetUtcNow()))
        {
            return new ReviewResult(ReviewOutcome.EditWindowClosed, review);
        }

        var edited = await reviews.EditAsync(review.Id, rating, text, cancellationToken);
        return edited is null ? new ReviewResult(ReviewOutcome.NotFound) : new ReviewResult(ReviewOutcome.Done, edited);
    }

    /// <summary>The consultation's review, if <paramref name="accountId"/> is one of its parties and it has one.</summary>
    public async Task<Review?> GetForPartyAsync(string accountId, string consultationId, CancellationToken cancellationToken = default)
    {
        var c = await consultations.GetAsync(consultationId, cancellationToken);
        return c is not null && c.IsParty(accountId) ? await reviews.FindByConsultationAsync(c.Id, cancellationToken) : null;
    }

    /// <summary>Whether the consultation exists for <paramref name="accountId"/>: one of its two parties.</summary>
    public async Task<bool> IsPartyAsync(string accountId, string consultationId, CancellationToken cancellationToken = default) =>
        !string.IsNullOrWhiteSpace(consultationId) && await consultations.GetAsync(consultationId, cancellationToken) is { } c && c.IsParty(accountId);

    /// <summary>Whether <paramref name="userId"/> is the user of the consultation (the only one who may review it).</summary>
    public async Task<bool> IsUserOfAsync(string userId, string consultationId, CancellationToken cancellationToken = default) =>
        await UsersAsync(userId, consultationId, cancellationToken) is not null;

    /// <summary>The astrologer's one reply to a review of one of their consultations.</summary>
    public async Task<ReviewResult> ReplyAsync(string astrologerId, string reviewId, string text, CancellationToken cancellationToken = default)
    {
        var review = await reviews.GetAsync(reviewId, cancellationToken);
        if (review is null || review.AstrologerId != astrologerId)
        {
            return new ReviewResult(ReviewOutcome.NotFound);
        }

        if (review.Reply is not null)
        {
            return new ReviewResult(ReviewOutcome.AlreadyReplied, review);
        }

        var replied = await reviews.ReplyAsync(review.Id, text, cancellationToken);
        return replied is null
            ? new ReviewResult(ReviewOutcome.AlreadyReplied, await reviews.GetAsync(review.Id, cancellationToken))
            : new ReviewResult(ReviewOutcome.Done, replied);
    }

    /// <summary>An astrologer's visible reviews, newest first, with public author names; null when the astrologer is not listed.</summary>
    public async Task<Page<PublicReview>?> PublicPageAsync(string astrologerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(astrologerId) || await profiles.FindAsync(astrologerId, cancellationToken) is not { Status: AccountStatus.Active })
        {
            return null;
        }

        return await PageAsync(astrologerId, skip, take, cancellationToken);
    }

    /// <summary>The astrologer's own visible reviews (the astrologer portal), newest first.</summary>
    public Task<Page<PublicReview>> PageAsync(string astrologerId, int skip, int take, CancellationToken cancellationToken = default) =>
        NamedAsync(astrologerId, includeHidden: false, skip, take, cancellationToken);

    public Task<ReviewSummary> SummaryAsync(string astrologerId, CancellationToken cancellationToken = default) =>
        reviews.SummaryAsync(astrologerId, cancellationToken);

    /// <summary>The user's consultations, newest request first, each with its review and what may be done about it.</summary>
    public async Task<Page<ConsultationReviewRow>> HistoryAsync(string userId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var page = await consultations.QueryAsync(new ConsultationQuery { UserId = userId, Skip = skip, Take = take }, cancellationToken);
        var now = clock.GetUtcNow();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<ConsultationReviewRow>(page.Items.Count);
        foreach (var c in page.Items)
        {
            if (!names.TryGetValue(c.AstrologerId, out var name))
            {
                var profile = await profiles.FindAsync(c.AstrologerId, cancellationToken);
                name = names[c.AstrologerId] = profile?.Details.DisplayName ?? AstrologerProfile.AnonymisedName(c.AstrologerId);
            }

            var review = await reviews.FindByConsultationAsync(c.Id, cancellationToken);
            rows.Add(new ConsultationReviewRow(c, name, c.Charged - c.Refunded, review, ReviewRules.Check(c), review is not null && ReviewRules.IsEditable(review, now)));
        }

        return new Page<ConsultationReviewRow>(rows, page.Total, page.Skip, page.Take);
    }

    /// <summary>The account's time zone (its setting; India when unset or unknown).</summary>
    public async Task<DateTimeZone> ZoneOfAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        return account is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(account.TimeZone) is { } zone
            ? zone
            : DateTimeZoneProviders.Tzdb[Account.DefaultTimeZone];
    }

    /// <summary>How <paramref name="accountId"/> is shown as a review's author: first name and initial.</summary>
    public async Task<string> AuthorNameAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken);
        return ReviewRules.AuthorName(account?.Name, account is null || account.Status == AccountStatus.Deleted);
    }

    private async Task<Page<PublicReview>> NamedAsync(string astrologerId, bool includeHidden, int skip, int take, CancellationToken cancellationToken)
    {
        var page = await reviews.ListByAstrologerAsync(astrologerId, includeHidden, skip, take, cancellationToken);
        var items = new List<PublicReview>(page.Items.Count);
        foreach (var r in page.Items)
        {
            items.Add(new PublicReview(r, await AuthorNameAsync(r.UserId, cancellationToken)));
        }

        return new Page<PublicReview>(items, page.Total, page.Skip, page.Take);
    }

    // The consultation, only for its user: for anyone else (its astrologer included) it does not exist.
    private async Task<Consultation?> UsersAsync(string userId, string consultationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(consultationId))
        {
            return null;
        }

        var c = await consultations.GetAsync(consultationId, cancellationToken);
        return c is not null && c.UserId == userId ? c : null;
    }
}
