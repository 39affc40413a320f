using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using StarSync.Engine.Accounts;
using StarSync.Engine.Reviews;
using StarSync.Engine.Storage;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Public.Astrologers;
using StarSync.Web.Moderation;
using StarSync.Web.Reviews;
using StarSync.Web.Tests.Consultations;

namespace StarSync.Web.Tests.Components.Reviews;

/// <summary>The reviews section of the public profile over the real services on a LiteDB file.</summary>
public sealed class AstrologerReviewsTests : MudComponentTest
{
    private readonly ConsultationHarness _harness = new();
    private readonly BunitAuthorizationContext _authorization;

    public AstrologerReviewsTests()
    {
        var ports = _harness.Ports;
        var reviews = new ReviewService(ports.Consultations, ports.Reviews, ports.Accounts, ports.AstrologerProfiles, _harness.Clock);
        var presence = new AstrologerPresence(_harness.Node.Events, _harness.Clock, Options.Create(new PresenceOptions()), NullLogger<AstrologerPresence>.Instance);
        Services.AddSingleton(reviews);
        Services.AddSingleton(new AstrologerDirectory(ports.AstrologerProfiles, presence, ports.Reviews));
        Services.AddSingleton(new ModerationService(ports.Reports, ports.Reviews, ports.Consultations, ports.ConsultationMessages, ports.AstrologerProfiles, ports.Accounts, ports.AuditLog, reviews));
        _authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<string> AuthorAsync(string name)
    {
        var created = await _harness.Ports.Accounts.CreateAsync(new NewAccount { Email = $"{Guid.NewGuid():N}@example.com", Name = name, Role = AccountRole.User });
        return created.Account!.Id;
    }

    private async Task<Review> ReviewAsync(string astrologerId, string userId, int rating, string text)
    {
        var review = await _harness.Ports.Reviews.CreateAsync(new NewReview { ConsultationId = "c-" + Guid.NewGuid().ToString("N"), UserId = userId, AstrologerId = astrologerId, Rating = rating, Text = text });
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        return review!;
    }

    [Fact]
    public async Task Without_reviews_the_section_says_so()
    {
        var astrologer = await _harness.AstrologerAsync();

        var section = Render<AstrologerReviews>(p => p.Add(c => c.AstrologerId, astrologer));

        Assert.Contains("No reviews yet", section.Find("[data-testid=reviews-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(section.FindAll("[data-testid=review]"));
        Assert.Empty(section.FindAll("[data-testid=reviews-average]"));
    }

    [Fact]
    public async Task Review_text_is_shown_as_escaped_text_with_author_first_name_and_the_reply()
    {
        var astrologer = await _harness.AstrologerAsync();
        var asha = await AuthorAsync("Asha Devi Rao");
        var first = await ReviewAsync(astrologer, asha, 4, "<script>alert('x')</script> & <b>bold</b>");
        await _harness.Ports.Reviews.ReplyAsync(first.Id, "Thank you <i>Asha</i>");
        await ReviewAsync(astrologer, await AuthorAsync("Vikram"), 5, "");

        var section = Render<AstrologerReviews>(p => p.Add(c => c.AstrologerId, astrologer));

        var cards = section.FindAll("[data-testid=review]");
        Assert.Equal(2, cards.Count);
        Assert.Equal("Vikram", cards[0].QuerySelector("[data-testid=review-author]")!.TextContent);
        Assert.Null(cards[0].QuerySelector("[data-testid=review-text]"));
        var shown = cards[1].QuerySelector("[data-testid=review-text]")!;
        Assert.Equal("<script>alert('x')</script> & <b>bold</b>", shown.TextContent);
        Assert.Empty(shown.QuerySelectorAll("script"));
        Assert.Empty(shown.QuerySelectorAll("b"));
        Assert.Contains("&lt;script&gt;", section.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", section.Markup, StringComparison.Ordinal);
        Assert.Equal("Asha R.", cards[1].QuerySelector("[data-testid=review-author]")!.TextContent);
        Assert.Equal("4", cards[1].QuerySelector("[data-testid=review-stars]")!.GetAttribute("data-rating"));
        Assert.Equal("Thank you <i>Asha</i>", cards[1].QuerySelector("[data-testid=review-reply-text]")!.TextContent);
        Assert.Contains("1 Mar 2026", cards[1].QuerySelector("[data-testid=review-date]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4.5 out of 5 · 2 reviews", section.Find("[data-testid=reviews-average]").TextContent.Trim());
    }

    [Fact]
    public async Task Show_more_adds_the_next_page_until_every_review_is_shown()
    {
        var astrologer = await _harness.AstrologerAsync();
        var author = await AuthorAsync("Meera");
        for (var i = 1; i <= 7; i++)
        {
            await ReviewAsync(astrologer, author, 3, "review " + i);
        }

        var section = Render<AstrologerReviews>(p => p.Add(c => c.AstrologerId, astrologer));

        Assert.Equal(["review 7", "review 6", "review 5", "review 4", "review 3"], section.FindAll("[data-testid=review-text]").Select(e => e.TextContent));
        Assert.Contains("2 more", section.Find("[data-testid=reviews-more]").TextContent, StringComparison.Ordinal);
        await section.Find("[data-testid=reviews-more]").ClickAsync(new());
        Assert.Equal(7, section.FindAll("[data-testid=review]").Count);
        Assert.Equal("review 1", section.FindAll("[data-testid=review-text]")[^1].TextContent);
        Assert.Empty(section.FindAll("[data-testid=reviews-more]"));
    }

    [Fact]
    public async Task Signed_in_readers_report_a_review_with_a_reason_and_visitors_see_no_report_action()
    {
        var astrologer = await _harness.AstrologerAsync();
        var review = await ReviewAsync(astrologer, await AuthorAsync("Ravi Kumar"), 1, "abusive words");
        var visitor = Render<AstrologerReviews>(p => p.Add(c => c.AstrologerId, astrologer));
        Assert.Empty(visitor.FindAll("[data-testid=review-report]"));

        var reader = await AuthorAsync("Nisha");
        _authorization.SetAuthorized("Nisha");
        _authorization.SetRoles(nameof(AccountRole.User));
        _authorization.SetClaims(new Claim(StarSyncClaims.AccountId, reader));
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var section = Render<AstrologerReviews>(p => p.Add(c => c.AstrologerId, astrologer));

        // The handler waits for the dialog's answer: click without awaiting it.
        section.Find("[data-testid=review-report]").Click();
        dialogs.WaitForElement("[data-testid=report-submit]").Click();
        Assert.Contains("Say why you report it.", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("textarea").Input("Insults the astrologer");
        dialogs.Find("[data-testid=report-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=report-submit]")));
        section.WaitForAssertion(() => Assert.Equal(1, _harness.Ports.Reports.ListAsync(new ReportQuery { Take = 10 }).Result.Total));
        var report = Assert.Single((await _harness.Ports.Reports.ListAsync(new ReportQuery { Take = 10 })).Items);
        Assert.Equal(review.Id, report.ReviewId);
        Assert.Equal(reader, report.ReporterId);
        Assert.Equal("Insults the astrologer", report.Reason);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _harness.Dispose();
        }
    }
}
