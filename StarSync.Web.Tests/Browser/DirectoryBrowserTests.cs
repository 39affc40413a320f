using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>The directory shows an astrologer's presence live: switching online, and going offline after the grace when their tab closes.</summary>
[Collection(SharedBrowser.Name)]
public sealed class DirectoryBrowserTests(BrowserFixture fixture)
{
    /// <summary>When set (a folder), the test also saves a phone screenshot of the directory there.</summary>
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STARSYNC_SCREENSHOTS");

    [Fact]
    public async Task A_user_sees_an_astrologer_go_online_and_offline_after_their_tab_closes_without_reloading()
    {
        var name = "Pandit Live " + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var astrologer = await TestAccounts.CreateAsync(fixture, AccountRole.Astrologer, name);
        await fixture.App.Services.GetRequiredService<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = name,
            Languages = ["Hindi", "English"],
            Expertise = ["Vedic", "KP", "Prashna"],
            YearsOfExperience = 14,
            Bio = "Parashari jyotish and KP horary.",
            MinRatePerMinute = 1_000,
            MaxRatePerMinute = 5_000,
            RatePerMinute = 2_500,
        });

        var visitor = await fixture.NewPageAsync(390, 844);
        await visitor.GotoAsync("astrologers");
        await visitor.GetByTestId("directory-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var card = visitor.Locator($"[data-testid='astrologer-card'][data-id='{astrologer.Id}']");
        await Expect(card).ToContainTextAsync(name);
        await Expect(card).ToContainTextAsync("₹25/min");
        await Expect(card).ToContainTextAsync("No reviews yet");
        await Expect(card.GetByTestId("status")).ToHaveAttributeAsync("data-status", "offline");

        var astrologerPage = await fixture.NewPageAsync();
        await TestAccounts.SignInAsync(astrologerPage, astrologer.Email, "/astrologer");
        var toggle = astrologerPage.GetByRole(AriaRole.Switch).Or(astrologerPage.Locator("[data-testid='online-switch'] input"));
        await Expect(toggle.First).ToBeEnabledAsync();
        await toggle.First.CheckAsync();
        await Expect(astrologerPage.GetByTestId("presence-card").GetByTestId("status")).ToHaveAttributeAsync("data-status", "online");

        await Expect(card.GetByTestId("status")).ToHaveAttributeAsync("data-status", "online");
        await Expect(visitor.GetByTestId("astrologer-card").First).ToHaveAttributeAsync("data-id", astrologer.Id);
        await visitor.AssertNoSeriousAxeViolationsAsync();
        if (ScreenshotFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await visitor.ScreenshotAsync(new() { Path = Path.Combine(folder, "directory-phone.png"), FullPage = true });
            await astrologerPage.ScreenshotAsync(new() { Path = Path.Combine(folder, "astrologer-dashboard-desktop.png"), FullPage = true });
        }

        await astrologerPage.Context.CloseAsync();
        var closedAt = DateTimeOffset.UtcNow;
        await Expect(card.GetByTestId("status")).ToHaveAttributeAsync("data-status", "offline", new() { Timeout = 30_000 });
        Assert.True(DateTimeOffset.UtcNow - closedAt >= TimeSpan.FromSeconds(BrowserFixture.PresenceGraceSeconds - 1),
            "The astrologer went offline before the grace period had passed.");

        await visitor.GotoAsync($"astrologers/{astrologer.Id}");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(visitor.GetByTestId("reviews-empty")).ToContainTextAsync("No reviews yet");
        await visitor.GotoAsync("astrologers/no-such-astrologer");
        await Expect(visitor.GetByTestId("not-found")).ToBeVisibleAsync();
    }
}
