using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>An astrologer who just took a one-minute consultation finds it on the overview, Earnings and Consultations pages.</summary>
[Collection(SharedBrowser.Name)]
public sealed class RevenueBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_consultation_taken_now_shows_in_todays_earnings_the_chart_and_the_history_on_a_phone()
    {
        var astrologer = await TestAccounts.CreateAsync(fixture, AccountRole.Astrologer, $"Pandit {Guid.NewGuid().ToString("N")[..6]}");
        var profile = await fixture.App.Services.GetRequiredService<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = astrologer.Name,
            Languages = ["Hindi"],
            Expertise = ["Vedic"],
            MinRatePerMinute = 100,
            MaxRatePerMinute = 100_000,
            RatePerMinute = 1_000,
        });
        Assert.NotNull(profile);
        var client = await TestAccounts.CreateAsync(fixture, AccountRole.User, "Meera Iyer");
        var topUp = await fixture.App.Services.GetRequiredService<ILedgerStore>().PostAsync(new NewPosting
        {
            IdempotencyKey = "test-topup:" + client.Id, Reference = "topup-" + client.Id, Actor = "test",
            Entries = [new(LedgerAccounts.Wallet(client.Id), 10_000, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -10_000, LedgerEntryKind.Topup)],
        });
        Assert.Equal(PostingOutcome.Posted, topUp.Outcome);
        // Minute 1 is billed at acceptance and kept because the astrologer wrote in it.
        var consultations = fixture.App.Services.GetRequiredService<ConsultationService>();
        var id = (await consultations.RequestAsync(client.Id, astrologer.Id)).Consultation!.Id;
        Assert.Equal(ConsultationOutcome.Done, (await consultations.AcceptAsync(astrologer.Id, id)).Outcome);
        await consultations.MessageSentAsync(id, astrologer.Id);
        Assert.Equal(ConsultationOutcome.Done, (await consultations.EndAsync(client.Id, id)).Outcome);

        var page = await fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(page, astrologer.Email, "/astrologer");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("summary-today")).ToHaveTextAsync("₹7 · 1 min");

        await page.GetByRole(AriaRole.Link, new() { Name = "See earnings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Earnings");
        await Expect(page.GetByTestId("period-today").GetByTestId("earnings")).ToHaveTextAsync("₹7");
        await Expect(page.GetByTestId("period-today").GetByTestId("commission")).ToHaveTextAsync("₹3");
        await Expect(page.GetByTestId("unpaid")).ToHaveTextAsync("₹7");
        await Expect(page.GetByTestId("daily-chart").Locator("svg").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "starsync-astrologer-earnings-phone.png"), FullPage = true });
        await AssertAccessibleAsync(page);

        await page.GotoAsync("astrologer/consultations");
        await page.Locator("[data-testid='interactive']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("client")).ToHaveTextAsync("Meera");
        await Expect(page.GetByTestId("earning")).ToHaveTextAsync("₹7");
        await Expect(page.GetByTestId("end-reason")).ToHaveTextAsync("Client ended");
        Assert.Equal($"astrologer/consultations/{id}", await page.GetByTestId("consultation-link").GetAttributeAsync("href"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await AssertAccessibleAsync(page);
    }

    /// <summary>axe-core with the same rules as <see cref="AccessibilityTests"/>: no serious or critical violation.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
