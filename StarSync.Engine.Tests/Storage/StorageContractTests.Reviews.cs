using StarSync.Engine.Reviews;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The review and report ports: one review per consultation, one reply, hiding, summaries under races, reports.</summary>
public abstract partial class StorageContractTests
{
    private IReviewStore Reviews => Ports.Reviews;

    private IReportStore Reports => Ports.Reports;

    private Task<Review?> ReviewAsync(string astrologerId, int rating, string text = "Good reading", string? consultationId = null) =>
        Reviews.CreateAsync(new NewReview
        {
            ConsultationId = consultationId ?? "consult" + Unique(),
            UserId = "user" + Unique(),
            AstrologerId = astrologerId,
            Rating = rating,
            Text = text,
        });

    [SkippableFact]
    public async Task A_review_is_stored_trimmed_and_verbatim_once_per_consultation()
    {
        var astrologer = "astro" + Unique();
        var consultation = "consult" + Unique();

        var review = await Reviews.CreateAsync(new NewReview
        {
            ConsultationId = consultation, UserId = "user-1", AstrologerId = astrologer, Rating = 4, Text = "  <script>alert(1)</script> & thanks \n",
        });
        var again = await Reviews.CreateAsync(new NewReview { ConsultationId = consultation, UserId = "user-1", AstrologerId = astrologer, Rating = 1, Text = "" });

        Assert.NotNull(review);
        Assert.Null(again);
        Assert.Equal("<script>alert(1)</script> & thanks", review.Text);
        Assert.Equal(4, review.Rating);
        Assert.Equal(Start, review.CreatedAt);
        Assert.Equal(Start.AddDays(7), review.EditableUntil);
        Assert.Null(review.EditedAt);
        Assert.Null(review.Reply);
        Assert.False(review.Hidden);
        Assert.Matches("^[0-9a-f]{32}$", review.Id);
        Assert.Equal(review, await Reviews.GetAsync(review.Id));
        Assert.Equal(review, await Reviews.FindByConsultationAsync(consultation));
        Assert.Null(await Reviews.GetAsync("no-such-review"));
        Assert.Null(await Reviews.FindByConsultationAsync("no-such-consultation"));
        Assert.Equal(new ReviewSummary(1, 4), await Reviews.SummaryAsync(astrologer));
    }

    [SkippableFact]
    public async Task Ratings_outside_one_to_five_and_overlong_texts_are_refused_and_empty_text_is_allowed()
    {
        var astrologer = "astro" + Unique();

        await Assert.ThrowsAsync<ArgumentException>(() => ReviewAsync(astrologer, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => ReviewAsync(astrologer, 6));
        await Assert.ThrowsAsync<ArgumentException>(() => ReviewAsync(astrologer, 3, new string('a', ReviewRules.MaxTextLength + 1)));
        var empty = await ReviewAsync(astrologer, 5, "   ");
        var longest = await ReviewAsync(astrologer, 1, " " + new string('a', ReviewRules.MaxTextLength) + " ");

        Assert.Equal("", empty!.Text);
        Assert.Equal(ReviewRules.MaxTextLength, longest!.Text.Length);
        Assert.Equal(new ReviewSummary(2, 6), await Reviews.SummaryAsync(astrologer));
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.EditAsync(empty.Id, 9, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => Reviews.ReplyAsync(empty.Id, "  "));
    }

    [SkippableFact]
    public async Task Editing_replaces_rating_and_text_stamps_the_time_and_moves_the_summary()
    {
        var astrologer = "astro" + Unique();
        var review = await ReviewAsync(astrologer, 2, "Meh");
        await ReviewAsync(astrologer, 5);
        Clock.Advance(TimeSpan.FromHours(3));

        var edited = await Reviews.EditAsync(review!.Id, 4, "  Better on reflection ");

        Assert.NotNull(edited);
        Assert.Equal(4, edited.Rating);
        Assert.Equal("Better on reflection", edited.Text);
        Assert.Equal(Start.AddHours(3), edited.EditedAt);
        Assert.Equal(Start, edited.CreatedAt);
        Assert.Equal(edited, await Reviews.GetAsync(review.Id));
        Assert.Equal(new ReviewSummary(2, 9), await Reviews.SummaryAsync(astrologer));
        Assert.Equal(4.5, (await Reviews.SummaryAsync(astrologer)).Average);
        Assert.Null(await Reviews.EditAsync("no-such-review", 3, "x"));
    }

    [SkippableFact]
    public async Task The_astrologer_replies_once()
    {
        var review = await ReviewAsync("astro" + Unique(), 5);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var replied = await Reviews.ReplyAsync(review!.Id, "  Thank you, <b>blessings</b>  ");
        var again = await Reviews.ReplyAsync(review.Id, "Second thoughts");

        Assert.Equal(new ReviewReply("Thank you, <b>blessings</b>", Start.AddMinutes(10)), replied?.Reply);
        Assert.Null(again);
        Assert.Equal(replied, await Reviews.GetAsync(review.Id));
        Assert.Null(await Reviews.ReplyAsync("no-such-review", "hello"));
    }

    [SkippableFact]
    public async Task Eight_concurrent_replies_leave_exactly_one()
    {
        var review = await ReviewAsync("astro" + Unique(), 5);

        var replies = Concurrently.Run(8, i => Reviews.ReplyAsync(review!.Id, "reply " + i));

        var winner = Assert.Single(replies, r => r is not null);
        Assert.Equal(winner!.Reply, (await Reviews.GetAsync(review!.Id))!.Reply);
    }

    [SkippableFact]
    public async Task A_hidden_review_leaves_the_public_list_and_the_summary_until_shown_again()
    {
        var astrologer = "astro" + Unique();
        var kept = await ReviewAsync(astrologer, 5, "Wonderful");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var abusive = await ReviewAsync(astrologer, 1, "abuse");

        var hidden = await Reviews.SetHiddenAsync(abusive!.Id, true);

        Assert.True(hidden!.Hidden);
        Assert.Equal([kept!.Id], (await Reviews.ListByAstrologerAsync(astrologer, includeHidden: false, 0, 10)).Items.Select(r => r.Id));
        var all = await Reviews.ListByAstrologerAsync(astrologer, includeHidden: true, 0, 10);
        Assert.Equal([abusive.Id, kept.Id], all.Items.Select(r => r.Id));
        Assert.Equal(2, all.Total);
        Assert.Equal(new ReviewSummary(1, 5), await Reviews.SummaryAsync(astrologer));

        var shown = await Reviews.SetHiddenAsync(abusive.Id, false);
        Assert.False(shown!.Hidden);
        Assert.Equal(new ReviewSummary(2, 6), await Reviews.SummaryAsync(astrologer));
        Assert.Null(await Reviews.SetHiddenAsync("no-such-review", true));
    }

    [SkippableFact]
    public async Task An_astrologers_reviews_are_listed_newest_first_in_pages()
    {
        var astrologer = "astro" + Unique();
        var made = new List<Review>();
        for (var i = 1; i <= 5; i++)
        {
            made.Add((await ReviewAsync(astrologer, i, "review " + i))!);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await ReviewAsync("astro" + Unique(), 3);

        var first = await Reviews.ListByAstrologerAsync(astrologer, false, 0, 2);
        var last = await Reviews.ListByAstrologerAsync(astrologer, false, 4, 2);

        Assert.Equal(5, first.Total);
        Assert.Equal(["review 5", "review 4"], first.Items.Select(r => r.Text));
        Assert.True(first.HasMore);
        Assert.Equal(["review 1"], last.Items.Select(r => r.Text));
        Assert.False(last.HasMore);
        Assert.Empty((await Reviews.ListByAstrologerAsync("astro" + Unique(), false, 0, 10)).Items);
    }

    [SkippableFact]
    public async Task Twenty_concurrent_reviews_of_one_astrologer_lose_no_count()
    {
        var astrologer = "astro" + Unique();

        var created = Concurrently.Run(20, i => ReviewAsync(astrologer, i % 5 + 1, "review " + i));

        Assert.All(created, Assert.NotNull);
        // 20 reviews, four of each rating 1..5: sum 4 × 15.
        Assert.Equal(new ReviewSummary(20, 60), await Reviews.SummaryAsync(astrologer));
        Assert.Equal(3.0, (await Reviews.SummaryAsync(astrologer)).Average);
    }

    [SkippableFact]
    public async Task Concurrent_hides_and_edits_leave_the_summary_equal_to_a_recount()
    {
        var astrologer = "astro" + Unique();
        var reviews = new List<Review>();
        for (var i = 0; i < 10; i++)
        {
            reviews.Add((await ReviewAsync(astrologer, 5))!);
        }

        _ = Concurrently.Run(10, i => i % 2 == 0 ? Reviews.SetHiddenAsync(reviews[i].Id, true) : Reviews.EditAsync(reviews[i].Id, 1, "changed"));

        // Five hidden; five visible, each edited to 1 star.
        Assert.Equal(new ReviewSummary(5, 5), await Reviews.SummaryAsync(astrologer));
    }

    [SkippableFact]
    public async Task Eight_concurrent_reviews_of_one_consultation_leave_exactly_one()
    {
        var astrologer = "astro" + Unique();
        var consultation = "consult" + Unique();

        var outcomes = Concurrently.Run(8, i => ReviewAsync(astrologer, 5, "attempt " + i, consultation));

        var winner = Assert.Single(outcomes, r => r is not null);
        Assert.Equal(winner, await Reviews.FindByConsultationAsync(consultation));
        Assert.Equal(new ReviewSummary(1, 5), await Reviews.SummaryAsync(astrologer));
    }

    [SkippableFact]
    public async Task Summaries_are_read_for_several_astrologers_at_once()
    {
        var a = "astro" + Unique();
        var b = "astro" + Unique();
        var none = "astro" + Unique();
        await ReviewAsync(a, 4);
        await ReviewAsync(a, 3);
        await ReviewAsync(b, 5);
        var hiddenOnly = "astro" + Unique();
        await Reviews.SetHiddenAsync((await ReviewAsync(hiddenOnly, 2))!.Id, true);

        var summaries = await Reviews.SummariesAsync([a, b, none, hiddenOnly, a]);

        Assert.Equal(2, summaries.Count);
        Assert.Equal(new ReviewSummary(2, 7), summaries[a]);
        Assert.Equal(new ReviewSummary(1, 5), summaries[b]);
        Assert.Equal(ReviewSummary.None, await Reviews.SummaryAsync(none));
        Assert.Equal(ReviewSummary.None, await Reviews.SummaryAsync(hiddenOnly));
        Assert.Empty(await Reviews.SummariesAsync([]));
    }

    // ---- reports ----

    private Task<Report?> ReportReviewAsync(string reviewId, string reporter, string reason = "Abusive language") =>
        Reports.CreateAsync(new NewReport { Kind = ReportKind.Review, ReviewId = reviewId, ConsultationId = "c-" + reviewId, ReporterId = reporter, Reason = reason });

    private Task<Report?> ReportMessageAsync(string consultationId, long seq, string reporter, string reason = "Rude message") =>
        Reports.CreateAsync(new NewReport { Kind = ReportKind.Message, ConsultationId = consultationId, Seq = seq, ReporterId = reporter, Reason = reason });

    [SkippableFact]
    public async Task A_reporter_reports_a_review_or_a_message_once()
    {
        var review = "review" + Unique();
        var chat = "consult" + Unique();
        var reporter = "user" + Unique();

        var first = await ReportReviewAsync(review, reporter, "  Insults the astrologer  ");
        var repeated = await ReportReviewAsync(review, reporter, "again");
        var byAnother = await ReportReviewAsync(review, "user" + Unique());
        var message = await ReportMessageAsync(chat, 3, reporter);
        var repeatedMessage = await ReportMessageAsync(chat, 3, reporter);
        var otherMessage = await ReportMessageAsync(chat, 4, reporter);

        Assert.NotNull(first);
        Assert.Equal("Insults the astrologer", first.Reason);
        Assert.Equal(ReportKind.Review, first.Kind);
        Assert.Equal(review, first.ReviewId);
        Assert.Null(first.Seq);
        Assert.Equal(ReportStatus.Open, first.Status);
        Assert.Equal(Start, first.CreatedAt);
        Assert.Equal("review:" + review, first.Target);
        Assert.Null(repeated);
        Assert.NotNull(byAnother);
        Assert.NotNull(message);
        Assert.Equal(3, message.Seq);
        Assert.Null(message.ReviewId);
        Assert.Equal($"message:{chat}:3", message.Target);
        Assert.Null(repeatedMessage);
        Assert.NotNull(otherMessage);
        Assert.Equal(first, await Reports.GetAsync(first.Id));
        Assert.Null(await Reports.GetAsync("no-such-report"));
    }

    [SkippableFact]
    public async Task Reports_without_a_reason_or_a_target_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ReportReviewAsync("review" + Unique(), "user-1", "   "));
        await Assert.ThrowsAsync<ArgumentException>(() => ReportReviewAsync("review" + Unique(), "user-1", new string('x', ReportRules.MaxReasonLength + 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => ReportMessageAsync("consult" + Unique(), 0, "user-1"));
        await Assert.ThrowsAsync<ArgumentException>(() => Reports.CreateAsync(new NewReport { Kind = ReportKind.Review, ConsultationId = "c", ReporterId = "u", Reason = "r" }));
    }

    [SkippableFact]
    public async Task Eight_concurrent_reports_of_one_target_by_one_reporter_leave_one()
    {
        var review = "review" + Unique();

        var outcomes = Concurrently.Run(8, i => ReportReviewAsync(review, "same-reporter", "reason " + i));

        Assert.Single(outcomes, r => r is not null);
    }

    [SkippableFact]
    public async Task A_report_is_resolved_once_and_lists_put_open_ones_first()
    {
        // Reports are shared with other tests in this database: look only at this test's own.
        var mine = new List<Report>();
        for (var i = 0; i < 4; i++)
        {
            mine.Add((await ReportReviewAsync("review" + Unique(), "user" + Unique(), "reason " + i))!);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Clock.Advance(TimeSpan.FromMinutes(5));
        var resolved = await Reports.ResolveAsync(mine[3].Id, "admin-1");
        var again = await Reports.ResolveAsync(mine[3].Id, "admin-2");

        Assert.Equal(ReportStatus.Resolved, resolved!.Status);
        Assert.Equal("admin-1", resolved.ResolvedBy);
        Assert.Equal(Clock.GetUtcNow(), resolved.ResolvedAt);
        Assert.Null(again);
        Assert.Equal(resolved, await Reports.GetAsync(mine[3].Id));
        Assert.Null(await Reports.ResolveAsync("no-such-report", "admin-1"));

        var ids = mine.Select(r => r.Id).ToHashSet();
        var everything = await Reports.ListAsync(new ReportQuery { Take = Paging.MaxTake });
        var order = everything.Items.Where(r => ids.Contains(r.Id)).Select(r => r.Reason).ToList();
        Assert.Equal(["reason 2", "reason 1", "reason 0", "reason 3"], order);
        Assert.True(everything.Items.SkipWhile(r => r.Status == ReportStatus.Open).All(r => r.Status == ReportStatus.Resolved));

        var open = await Reports.ListAsync(new ReportQuery { Status = ReportStatus.Open, Take = Paging.MaxTake });
        Assert.All(open.Items, r => Assert.Equal(ReportStatus.Open, r.Status));
        Assert.DoesNotContain(open.Items, r => r.Id == mine[3].Id);
        var closed = await Reports.ListAsync(new ReportQuery { Status = ReportStatus.Resolved, Take = Paging.MaxTake });
        Assert.Contains(closed.Items, r => r.Id == mine[3].Id);
        Assert.Equal(everything.Total, open.Total + closed.Total);

        // A page that straddles the open and resolved ones continues where the open ones end.
        var straddle = await Reports.ListAsync(new ReportQuery { Skip = (int)open.Total - 1, Take = 2 });
        Assert.Equal(ReportStatus.Open, straddle.Items[0].Status);
        Assert.Equal(ReportStatus.Resolved, straddle.Items[1].Status);
        Assert.Equal(everything.Total, straddle.Total);
    }
}
