using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using static Microsoft.Playwright.Assertions;

namespace StarSync.Web.Tests.Browser;

/// <summary>
/// The browser fixture with a short billing minute, so a consultation bills several minutes within a test, and a wide
/// low-balance window, so the warning shows at once. A collection of its own: the shared fixture's app keeps the defaults.
/// </summary>
public sealed class ConsultationBrowserFixture : IAsyncLifetime
{
    public const int MinuteSeconds = 12;

    /// <summary>So high that a ₹100 wallet at ₹10 a minute is warned about from the first minute on.</summary>
    public const int WarningMinutes = 10;

    public ConsultationBrowserFixture()
    {
        Browser.App.Settings["Billing:MinuteSeconds"] = MinuteSeconds.ToString(CultureInfo.InvariantCulture);
        Browser.App.Settings["Billing:WarningMinutes"] = WarningMinutes.ToString(CultureInfo.InvariantCulture);
    }

    public BrowserFixture Browser { get; } = new();

    public Task InitializeAsync() => Browser.InitializeAsync();

    public Task DisposeAsync() => Browser.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ConsultationBrowser : ICollectionFixture<ConsultationBrowserFixture>
{
    public const string Name = "consultation-browser";
}

/// <summary>
/// A whole consultation through the real UI in two browser contexts: the user requests from the profile page, the
/// astrologer is alerted on another portal page and accepts, both chat live (typing and read marks included), the
/// user ends it, and the money shows in the summary, the app bar balance and the astrologer's earnings.
/// </summary>
[Collection(ConsultationBrowser.Name)]
public sealed class ConsultationBrowserTests(ConsultationBrowserFixture consultationFixture)
{
    private const long Rate = 1_000;
    private const long TopUp = 10_000;

    /// <summary>When set (a folder), the test also saves the phone screenshots of the room there (docs/screenshots is made this way).</summary>

    private BrowserFixture Fixture => consultationFixture.Browser;

    [Fact]
    public async Task User_requests_astrologer_accepts_from_the_alert_they_chat_live_and_the_user_pays_exactly_the_billed_minutes()
    {
        var services = Fixture.App.Services;
        var astrologerName = "Pandit Arvind " + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var astrologer = await TestAccounts.CreateAsync(Fixture, AccountRole.Astrologer, astrologerName);
        Assert.NotNull(await services.GetRequiredService<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = astrologerName,
            Languages = ["Hindi", "English"],
            Expertise = ["Vedic"],
            YearsOfExperience = 12,
            MinRatePerMinute = 100,
            MaxRatePerMinute = 100_000,
            RatePerMinute = Rate,
        }));
        var user = await TestAccounts.CreateAsync(Fixture, AccountRole.User, "Meera Iyer");
        var funded = await services.GetRequiredService<ILedgerStore>().PostAsync(new NewPosting
        {
            IdempotencyKey = "test-topup:" + user.Id, Reference = "topup-" + user.Id, Actor = "test",
            Entries = [new(LedgerAccounts.Wallet(user.Id), TopUp, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -TopUp, LedgerEntryKind.Topup)],
        });
        Assert.Equal(PostingOutcome.Posted, funded.Outcome);
        Assert.NotNull(await services.GetRequiredService<IBirthProfileStore>().AddAsync(user.Id, new BirthDetails
        {
            Label = "Me", Name = "Meera", Date = "1992-11-03", Time = "07:45:00", TimeKnown = true, PlaceId = "1261481",
            Latitude = 28.63576, Longitude = 77.22445, TimeZone = "Asia/Kolkata",
        }));

        // B: the astrologer goes online, then works on another portal page.
        var astro = await Fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(astro, astrologer.Email, "/astrologer");
        var toggle = astro.GetByRole(AriaRole.Switch).Or(astro.Locator("[data-testid='online-switch'] input"));
        await Expect(toggle.First).ToBeEnabledAsync();
        await toggle.First.CheckAsync();
        await Expect(astro.GetByTestId("presence-card").GetByTestId("status")).ToHaveAttributeAsync("data-status", "online");
        await Expect(astro.GetByTestId("pending-empty")).ToBeVisibleAsync();
        await astro.GotoInteractiveAsync("astrologer/earnings");

        // A: the user asks from the profile page, sharing a saved birth profile.
        var userPage = await Fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(userPage, user.Email, $"/astrologers/{astrologer.Id}");
        await userPage.GetByTestId("profile-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var balance = userPage.GetByTestId("appbar-balance");
        await Expect(balance).ToHaveAttributeAsync("data-balance", TopUp.ToString(CultureInfo.InvariantCulture));
        var consult = userPage.GetByTestId("consult-now");
        await Expect(consult).ToBeEnabledAsync();
        await consult.ClickAsync();
        var dialog = userPage.GetByTestId("consult-dialog");
        await Expect(dialog.GetByTestId("dialog-rate")).ToHaveTextAsync("₹10/min");
        await Expect(dialog.GetByTestId("dialog-minimum")).ToHaveTextAsync("₹50");
        await Expect(dialog.GetByTestId("dialog-balance")).ToHaveTextAsync("₹100");
        await userPage.SaveScreenshotAsync("consultation-request-dialog-phone.png");
        var share = userPage.GetByRole(AriaRole.Combobox, new() { Name = "Share a birth profile" });
        await share.ClickAsync();
        await userPage.GetByRole(AriaRole.Option, new() { Name = "Me · Meera" }).ClickAsync();
        await Expect(share).ToHaveValueAsync("Me · Meera");
        await userPage.GetByTestId("request-consultation").ClickAsync();
        // The room opens by client-side navigation (history API): poll the address rather than wait for a load event.
        await Expect(userPage).ToHaveURLAsync(new Regex("/consultations/[^/]+$"), new() { Timeout = 30_000 });
        var id = userPage.Url.Split('/')[^1];
        await userPage.GetByTestId("room-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(userPage.GetByTestId("room-waiting")).ToContainTextAsync($"Waiting for {astrologerName} to accept");
        await Expect(userPage.GetByTestId("accept-countdown")).ToHaveTextAsync(new Regex(@"^0:[0-5]\d$|^1:00$"));

        // B: the alert reaches the Earnings page: toast and card with the first name and the shared profile.
        await Expect(astro.Locator(".mud-snackbar")).ToContainTextAsync("New consultation request from Meera");
        var card = astro.GetByTestId("incoming-request");
        await Expect(card.GetByTestId("incoming-name")).ToHaveTextAsync("Meera");
        await Expect(card.GetByTestId("incoming-profile")).ToHaveTextAsync("Birth profile shared");
        await astro.SaveScreenshotAsync("consultation-alert-astrologer-phone.png");
        await card.GetByTestId("incoming-accept").ClickAsync();
        await Expect(astro).ToHaveURLAsync(new Regex($"/astrologer/consultations/{Regex.Escape(id)}$"), new() { Timeout = 30_000 });
        await astro.GetByTestId("room-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(astro.GetByTestId("room-state")).ToHaveTextAsync("Live");

        // The astrologer writes first (inside minute 1, which keeps it paid); the user sees it without a reload.
        var astroInput = MessageInput(astro);
        await astroInput.FillAsync("Namaste Meera <b>welcome</b>");
        await astroInput.PressAsync("Enter");
        await Expect(astroInput).ToBeFocusedAsync();
        await Expect(astroInput).ToHaveValueAsync("");
        await Expect(userPage.GetByTestId("room-state")).ToHaveTextAsync("Live");
        var received = userPage.GetByTestId("message-text");
        await Expect(received).ToHaveTextAsync(["Namaste Meera <b>welcome</b>"]);
        await Expect(userPage.Locator("[data-testid='message'] b")).ToHaveCountAsync(0);
        // The user has it on screen, so it is marked read: the astrologer's tick turns double.
        await Expect(astro.GetByTestId("read-mark")).ToHaveTextAsync(new Regex("✓✓"));

        // The user types: the astrologer sees the typing signal, then the message.
        var userInput = MessageInput(userPage);
        await userInput.PressSequentiallyAsync("Thank you, ", new() { Delay = 60 });
        await Expect(astro.GetByTestId("typing-indicator")).ToHaveTextAsync("Meera is typing…");
        await userInput.PressSequentiallyAsync("what does my chart say about work?", new() { Delay = 20 });
        await userInput.PressAsync("Enter");
        await Expect(astro.GetByTestId("message-text")).ToHaveTextAsync(["Namaste Meera <b>welcome</b>", "Thank you, what does my chart say about work?"]);
        await Expect(astro.GetByTestId("typing-indicator")).ToHaveCountAsync(0);
        await Expect(userInput).ToBeFocusedAsync();

        // The user's meter: the rate and the running cost, and the low-balance warning with a recharge link in a new tab
        // (₹90 left covers 9 more minutes, within the fixture's warning window); the astrologer's side: the shared chart.
        await Expect(userPage.GetByTestId("room-rate")).ToHaveTextAsync("₹10/min");
        await Expect(userPage.GetByTestId("low-balance")).ToContainTextAsync("Your balance covers only");
        await Expect(userPage.GetByTestId("recharge-link")).ToHaveAttributeAsync("href", "wallet");
        await Expect(userPage.GetByTestId("recharge-link")).ToHaveAttributeAsync("target", "_blank");
        await Expect(astro.GetByTestId("low-balance")).ToHaveCountAsync(0);
        await Expect(userPage.GetByTestId("running-cost")).ToHaveTextAsync(new Regex(@"^₹\d+$"));
        Assert.True(await userPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.True(await astro.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await userPage.SaveScreenshotAsync("consultation-room-user-phone.png");
        await astro.SaveScreenshotAsync("consultation-room-astrologer-phone.png");
        await astro.GetByTestId("chart-panel").GetByText("Shared Kundli").ClickAsync();
        await Expect(astro.GetByTestId("shared-kundli").GetByTestId("planets-table")).ToBeVisibleAsync();
        await Expect(astro.GetByTestId("shared-birth")).ToContainTextAsync("New Delhi");
        await Expect(astro.GetByTestId("north-indian-chart")).ToBeVisibleAsync();
        Assert.True(await astro.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await astro.SaveScreenshotAsync("consultation-room-astrologer-kundli-phone.png");
        await userPage.AssertNoSeriousAxeViolationsAsync();
        await astro.AssertNoSeriousAxeViolationsAsync();

        // Let a second minute start (the meter moves on by itself), then the user ends it (after confirming).
        await Expect(userPage.GetByTestId("running-cost")).Not.ToHaveTextAsync("₹10", new() { Timeout = (ConsultationBrowserFixture.MinuteSeconds + 10) * 1000 });

        // Presence is per party: a second tab of the astrologer in the room, closed again, leaves them present; leaving
        // the room altogether shows the user that they are reconnecting, and coming back clears it.
        var secondTab = await astro.Context.NewPageAsync();
        await secondTab.GotoAsync($"astrologer/consultations/{id}");
        await secondTab.GetByTestId("room-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await secondTab.CloseAsync();
        await userPage.WaitForTimeoutAsync(1_500);
        await Expect(userPage.GetByTestId("other-away")).ToHaveCountAsync(0);
        await astro.GotoInteractiveAsync("astrologer/earnings");
        await Expect(userPage.GetByTestId("other-away")).ToHaveTextAsync($"{astrologerName} is reconnecting…");
        await astro.GotoInteractiveAsync($"astrologer/consultations/{id}");
        await astro.GetByTestId("room-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(userPage.GetByTestId("other-away")).ToHaveCountAsync(0);
        await Expect(userPage.GetByTestId("elapsed")).ToBeVisibleAsync();

        await userPage.GetByTestId("end-button").ClickAsync();
        await userPage.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        var summary = userPage.GetByTestId("room-summary");
        await Expect(summary.GetByTestId("summary-reason")).ToHaveTextAsync("You ended the consultation.");
        await Expect(astro.GetByTestId("summary-reason")).ToHaveTextAsync("Meera ended the consultation.");
        await Expect(userPage.GetByTestId("rate-link")).ToHaveAttributeAsync("href", "consultations");
        await Expect(userPage.GetByTestId("composer")).ToHaveCountAsync(0);

        var ended = await services.GetRequiredService<IConsultationStore>().GetAsync(id);
        Assert.NotNull(ended);
        Assert.Equal(ConsultationState.Ended, ended.State);
        Assert.Equal(ConsultationEndReason.UserEnded, ended.EndReason);
        Assert.Equal(FirstMinuteOutcome.Kept, ended.FirstMinute);
        Assert.True(ended.BilledMinutes >= 2);
        var minutes = ended.BilledMinutes;
        await Expect(summary.GetByTestId("summary-minutes")).ToHaveTextAsync($"{minutes} minutes");
        await Expect(summary.GetByTestId("summary-charged")).ToHaveTextAsync(Money.Format(minutes * Rate));
        await Expect(summary.GetByTestId("summary-refunded")).ToHaveCountAsync(0);
        await Expect(balance).ToHaveAttributeAsync("data-balance", (TopUp - (minutes * Rate)).ToString(CultureInfo.InvariantCulture));
        await Expect(balance).ToHaveTextAsync(Money.Format(TopUp - (minutes * Rate)));
        await userPage.SaveScreenshotAsync("consultation-summary-user-phone.png");

        // The astrologer's earning: the summary and the Earnings page agree with the split of each minute.
        var earning = minutes * MinuteSplit.Of(Rate, ended.CommissionBasisPoints).Earning;
        await Expect(astro.GetByTestId("summary-earning")).ToHaveTextAsync(Money.Format(earning));
        await astro.GotoInteractiveAsync("astrologer/earnings");
        await Expect(astro.GetByTestId("period-today").GetByTestId("earnings")).ToHaveTextAsync(Money.Format(earning));
    }

    [Fact]
    public async Task Only_the_two_parties_see_the_room_everyone_else_gets_the_not_found_page()
    {
        var services = Fixture.App.Services;
        var astrologer = await TestAccounts.CreateAsync(Fixture, AccountRole.Astrologer, "Pandit Private");
        await services.GetRequiredService<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = "Pandit Private", Languages = ["Hindi"], Expertise = ["Vedic"], MinRatePerMinute = 100, MaxRatePerMinute = 100_000, RatePerMinute = Rate,
        });
        var user = await TestAccounts.CreateAsync(Fixture, AccountRole.User, "Kavya Rao");
        await services.GetRequiredService<ILedgerStore>().PostAsync(new NewPosting
        {
            IdempotencyKey = "test-topup:" + user.Id, Reference = "topup-" + user.Id, Actor = "test",
            Entries = [new(LedgerAccounts.Wallet(user.Id), TopUp, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -TopUp, LedgerEntryKind.Topup)],
        });
        var requested = await services.GetRequiredService<StarSync.Web.Consultations.ConsultationService>().RequestAsync(user.Id, astrologer.Id);
        var id = requested.Consultation!.Id;

        var outsider = await TestAccounts.CreateAsync(Fixture, AccountRole.User, "Nosy Neighbour");
        var outsiderPage = await Fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(outsiderPage, outsider.Email, "/astrologers");
        var response = await outsiderPage.GotoAsync($"/consultations/{id}");
        Assert.Equal(404, response!.Status);
        await Expect(outsiderPage.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(outsiderPage.GetByTestId("consultation-room")).ToHaveCountAsync(0);

        var otherAstrologer = await TestAccounts.CreateAsync(Fixture, AccountRole.Astrologer, "Pandit Other");
        var otherPage = await Fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(otherPage, otherAstrologer.Email, "/astrologer");
        response = await otherPage.GotoAsync($"/astrologer/consultations/{id}");
        Assert.Equal(404, response!.Status);
        await Expect(otherPage.GetByTestId("consultation-room")).ToHaveCountAsync(0);

        // The user sees the wait in their own room and withdraws the request (after confirming).
        var userPage = await Fixture.NewPageAsync(390, 844);
        await TestAccounts.SignInAsync(userPage, user.Email, "/astrologers");
        await userPage.GotoInteractiveAsync($"/consultations/{id}");
        await Expect(userPage.GetByTestId("room-waiting")).ToContainTextAsync("Waiting for Pandit Private to accept");
        await userPage.GetByTestId("cancel-request").ClickAsync();
        await userPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel request" }).ClickAsync();
        await Expect(userPage.GetByTestId("summary-headline")).ToHaveTextAsync("You cancelled this request");
        await Expect(userPage.GetByTestId("summary-reason")).ToHaveTextAsync("The consultation never started, so nothing was charged.");
    }

    private static ILocator MessageInput(IPage page) => page.Locator("input[data-testid='message-input'], [data-testid='message-input'] input");
}
