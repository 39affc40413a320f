using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>A user reviews a consultation from "My consultations"; it shows on the public profile; the astrologer replies.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReviewsBrowserTests(BrowserFixture fixture)
{
    private T Service<T>()
        where T : notnull => fixture.App.Services.GetRequiredService<T>();

    /// <summary>A consultation taken and ended through the real services: one paid minute kept (the astrologer wrote in it).</summary>
    private async Task<string> EndedConsultationAsync(string userId, string astrologerId)
    {
        var posted = await Service<ILedgerStore>().PostAsync(new NewPosting
        {
            IdempotencyKey = "test-topup:" + userId,
            Reference = "topup-" + userId,
            Actor = "test",
            Entries = [new NewLedgerEntry(LedgerAccounts.Wallet(userId), 10_000, LedgerEntryKind.Topup), new NewLedgerEntry(LedgerAccounts.PaymentClearing, -10_000, LedgerEntryKind.Topup)],
        });
        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        var service = Service<ConsultationService>();
        var requested = await service.RequestAsync(userId, astrologerId);
        Assert.Equal(ConsultationOutcome.Done, requested.Outcome);
        var id = requested.Consultation!.Id;
        Assert.Equal(ConsultationOutcome.Done, (await service.AcceptAsync(astrologerId, id)).Outcome);
        await service.MessageSentAsync(id, astrologerId);
        var ended = await service.EndAsync(userId, id);
        Assert.Equal(ConsultationState.Ended, ended.Consultation!.State);
        return id;
    }

    [Fact]
    public async Task A_user_reviews_from_my_consultations_it_appears_on_the_profile_and_the_astrologer_replies()
    {
        var name = "Pandit Review " + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var astrologer = await TestAccounts.CreateAsync(fixture, AccountRole.Astrologer, name);
        await Service<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = name, Languages = ["Hindi"], Expertise = ["Vedic"], MinRatePerMinute = 500, MaxRatePerMinute = 5_000, RatePerMinute = 1_000,
        });
        var user = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Meera Iyer");
        var consultationId = await EndedConsultationAsync(user.Id, astrologer.Id);

        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, user.Email, "/consultations");
        await page.GetByTestId("history-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.Locator("tr").Filter(new() { Has = page.Locator($"a[href='consultations/{consultationId}']") });
        await Expect(row.GetByTestId("consultation-link")).ToHaveTextAsync(name);
        await Expect(row.GetByTestId("consultation-paid")).ToHaveTextAsync("₹10");
        await Expect(row.GetByTestId("consultation-state")).ToHaveTextAsync("Ended");
        await row.GetByTestId("write-review").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("review-save").ClickAsync();
        await Expect(dialog.GetByTestId("rating-error")).ToHaveTextAsync("Choose 1 to 5 stars.");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "5 stars" }).ClickAsync();
        await dialog.Locator("textarea").First.FillAsync("Patient and precise <b>reading</b> of my chart.");
        await page.SaveScreenshotAsync("review-dialog-phone.png");
        await dialog.GetByTestId("review-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("review-stars")).ToHaveAttributeAsync("data-rating", "5");
        await Expect(row.GetByTestId("edit-review")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("my-consultations-phone.png", fullPage: true);

        var visitor = await fixture.NewPageAsync(390, 844);
        await visitor.GotoAsync($"astrologers/{astrologer.Id}");
        await visitor.GetByTestId("profile-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var review = visitor.GetByTestId("review").First;
        await Expect(review.GetByTestId("review-text")).ToHaveTextAsync("Patient and precise <b>reading</b> of my chart.");
        await Expect(review.GetByTestId("review-author")).ToHaveTextAsync("Meera I.");
        await Expect(visitor.GetByTestId("reviews-average")).ToContainTextAsync("5.0 out of 5 · 1 review");

        var astrologerPage = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(astrologerPage, astrologer.Email, "/astrologer/reviews");
        await astrologerPage.GetByTestId("reviews-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(astrologerPage.GetByTestId("reviews-count")).ToHaveTextAsync("1 review");
        await astrologerPage.GetByTestId("reply-form").Locator("textarea").First.FillAsync("Thank you, Meera. Blessings.");
        await astrologerPage.GetByTestId("reply-submit").ClickAsync();
        await Expect(astrologerPage.GetByTestId("review-reply-text")).ToHaveTextAsync("Thank you, Meera. Blessings.");
        await Expect(astrologerPage.GetByTestId("reply-form")).ToHaveCountAsync(0);
        await astrologerPage.SaveScreenshotAsync("astrologer-reviews-phone.png", fullPage: true);
        await astrologerPage.AssertNoSeriousAxeViolationsAsync();

        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("review").First.GetByTestId("review-reply-text")).ToHaveTextAsync("Thank you, Meera. Blessings.");
        await visitor.SaveScreenshotAsync("profile-reviews-phone.png", fullPage: true);
        await page.AssertNoSeriousAxeViolationsAsync();
    }
}
