using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Api;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Public.Kundli;

namespace StarSync.Web.Tests.Components.Kundli;

/// <summary>
/// Saved birth profiles on the Kundli page against the real engine, gazetteer and a LiteDB file: what a chart saves,
/// what a profile fills in, the save dialog's refusals, and profiles that are not the reader's.
/// </summary>
[Collection(SharedKundliEngine.Name)]
public sealed class SavedProfileTests : MudComponentTest
{
    private const string NewDelhi = "1261481";
    private const string AccountId = "account-meera";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
    private readonly LiteStore _lite;
    private readonly KundliEngineFixture _engine;

    public SavedProfileTests(KundliEngineFixture engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _lite = new LiteStore(_folder);
        Profiles = new LiteBirthProfileStore(_lite, TimeProvider.System);
        Services.AddSingleton(engine.Gazetteer);
        Services.AddSingleton(engine.Time);
        Services.AddSingleton(engine.Calculator);
        Services.AddSingleton<BirthInput>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IBirthProfileStore>(Profiles);
    }

    private LiteBirthProfileStore Profiles { get; }

    private static BirthDetails Asha(string label = "Me") => new()
    {
        Label = label, Name = "Asha", Date = "1990-05-14", Time = "10:30:00", TimeKnown = true, PlaceId = NewDelhi,
        Latitude = 28.63576, Longitude = 77.22445, TimeZone = "Asia/Kolkata",
    };

    private void SignIn(string accountId = AccountId)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Meera Iyer");
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, accountId));
    }

    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<KundliPage> RenderAt(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("kundli" + query);
        _popovers = Render<MudPopoverProvider>();
        return Render<KundliPage>();
    }

    [Fact]
    public void A_cast_form_becomes_the_profile_the_API_would_store_and_fills_the_form_back()
    {
        var form = new KundliFormModel
        {
            Name = " Asha ",
            DateOfBirth = new DateTime(1990, 5, 14),
            TimeOfBirth = new TimeSpan(10, 30, 0),
            Place = _engine.Gazetteer.Find(NewDelhi),
            Offset = OffsetChoice.Explicit,
            ExplicitOffset = "+05:30",
            Ayanamsa = "raman",
        };

        var details = SavedBirthDetails.FromForm(form);

        Assert.NotNull(details);
        Assert.Equal(("Asha", "1990-05-14", "10:30:00", true, NewDelhi, "Asia/Kolkata", "+05:30"),
            (details.Name, details.Date, details.Time, details.TimeKnown, details.PlaceId, details.TimeZone, details.UtcOffset));
        (details with { Label = "Me" }).Validate();

        var back = SavedBirthDetails.ToForm(details with { Label = "Me" }, _engine.Gazetteer, new KundliFormModel { Node = "true" });
        Assert.Equal(form.ToQuery(ChartStyle.North, Varga.D1)["date"], back.ToQuery(ChartStyle.North, Varga.D1)["date"]);
        Assert.Equal("10:30", back.ToQuery(ChartStyle.North, Varga.D1)["time"]);
        Assert.Equal(NewDelhi, back.Place?.Id);
        Assert.Equal((OffsetChoice.Explicit, "+05:30"), (back.Offset, back.ExplicitOffset));
        // The reader's conventions stay theirs; a profile carries only the birth.
        Assert.Equal(("lahiri", "true"), (back.Ayanamsa, back.Node));
    }

    [Fact]
    public void A_profile_without_a_gazetteer_place_keeps_its_coordinates_through_the_address()
    {
        var details = new BirthDetails
        {
            Label = "Grandfather", Name = "Raghav", Date = "1931-03-20", Time = null, TimeKnown = false,
            Latitude = 18.975, Longitude = 72.8258, TimeZone = "Asia/Kolkata", UtcOffset = "lmt",
        };

        var form = SavedBirthDetails.ToForm(details, _engine.Gazetteer, new KundliFormModel());
        var query = form.ToQuery(ChartStyle.North, Varga.D1);

        Assert.Equal((null, "18.975", "72.8258", "Asia/Kolkata", "lmt", "true"),
            (query["place"], query["lat"], query["lon"], query["zone"], query["offset"], query["unknown"]));
        var again = KundliFormModel.FromQuery(
            new KundliQuery("Raghav", "1931-03-20", null, "true", null, "lmt", null, null, null, null, "18.975", "72.8258", "Asia/Kolkata"),
            _engine.Gazetteer);
        Assert.Equal("18.9750°N, 72.8258°E", KundliFormat.PlaceLabel(again.Place!));
        Assert.True(SavedBirthDetails.SameBirth(details, SavedBirthDetails.FromForm(again)!));
    }

    [Fact]
    public void A_profile_is_recognised_by_its_birth_whatever_its_label_and_an_unnamed_chart_matches_any_name()
    {
        var saved = Asha("Me");

        Assert.True(SavedBirthDetails.SameBirth(saved, Asha("Someone") with { Time = "10:30:00" }));
        Assert.True(SavedBirthDetails.SameBirth(saved, Asha() with { Name = "" }));
        Assert.False(SavedBirthDetails.SameBirth(saved, Asha() with { Name = "Ravi" }));
        Assert.False(SavedBirthDetails.SameBirth(saved, Asha() with { Time = "10:31:00" }));
        Assert.False(SavedBirthDetails.SameBirth(saved, Asha() with { UtcOffset = "lmt" }));
        Assert.False(SavedBirthDetails.SameBirth(saved, Asha() with { PlaceId = null }));
    }

    [Fact]
    public void A_visitor_sees_a_sign_in_hint_and_no_saved_profiles()
    {
        var page = RenderAt("");

        Assert.Contains("to save charts for your family.", page.Find("[data-testid='sign-in-hint']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='saved-profiles']"));
    }

    [Fact]
    public async Task A_signed_in_reader_picks_a_profile_and_the_page_goes_to_its_chart()
    {
        await Profiles.AddAsync(AccountId, Asha("Mother") with { Name = "Lakshmi", Date = "1962-08-02", Time = "06:15:00" });
        await Profiles.AddAsync(AccountId, Asha("Me"));
        SignIn();
        var page = RenderAt("");

        page.WaitForElement("[data-testid='saved-profiles'] .mud-select .mud-input-control").MouseDown();
        var items = _popovers.WaitForElements(".mud-popover-open .mud-list-item");
        // Both saved in the same millisecond here, so their order is the store's tie-break: compare them as a set.
        Assert.Equal(["Me · Asha", "Mother · Lakshmi"], items.Select(i => i.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='sign-in-hint']"));

        items.Single(i => i.TextContent.Trim() == "Mother · Lakshmi").Click();

        var address = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("name=Lakshmi&date=1962-08-02&time=06%3A15&place=1261481", address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_accounts_profile_id_is_not_found_and_leaves_the_form_empty()
    {
        var theirs = await Profiles.AddAsync("account-someone-else", Asha("Mother") with { Name = "Lakshmi" });
        SignIn();

        var page = RenderAt($"?profile={theirs!.Id}");

        page.WaitForAssertion(() => Assert.Contains("not in your account", page.Find("[data-testid='profile-not-found']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='kundli-report']"));
        Assert.DoesNotContain("Lakshmi", page.Markup, StringComparison.Ordinal);
        Assert.EndsWith($"kundli?profile={theirs.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_save_dialog_says_when_the_account_is_full()
    {
        for (var i = 0; i < IBirthProfileStore.MaxPerAccount; i++)
        {
            Assert.NotNull(await Profiles.AddAsync(AccountId, Asha($"Profile {i}") with { Date = $"19{50 + i:00}-01-01" }));
        }

        var (provider, dialog) = await OpenSaveDialogAsync(Asha(""));

        provider.Find("input[data-testid='profile-label']").Input("Me");
        provider.Find("[data-testid='save-profile-confirm']").Click();

        provider.WaitForAssertion(() => Assert.Contains(
            $"You already keep {IBirthProfileStore.MaxPerAccount} saved profiles", provider.Find("[data-testid='save-profile-problem']").TextContent, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(IBirthProfileStore.MaxPerAccount, (await Profiles.ListAsync(AccountId)).Count);
    }

    [Fact]
    public async Task The_save_dialog_shows_the_stores_validation_message_instead_of_failing()
    {
        var (provider, dialog) = await OpenSaveDialogAsync(Asha(""));

        // The browser stops at 60 characters; a longer label still gets words, not an exception.
        provider.Find("input[data-testid='profile-label']").Input(new string('x', 61));
        provider.Find("[data-testid='save-profile-confirm']").Click();

        provider.WaitForAssertion(() => Assert.Equal(
            "Label must be 1–60 characters.", provider.Find("[data-testid='save-profile-problem']").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(await Profiles.ListAsync(AccountId));
    }

    [Fact]
    public async Task An_unnamed_chart_is_saved_under_its_label_as_its_name()
    {
        var (provider, dialog) = await OpenSaveDialogAsync(Asha("") with { Name = "" });

        Assert.Equal("", provider.Find("input[data-testid='profile-label']").GetAttribute("value") ?? "");
        provider.Find("[data-testid='save-profile-confirm']").Click();
        provider.WaitForAssertion(() => Assert.Contains("Give it a label", provider.Markup, StringComparison.Ordinal));

        provider.Find("input[data-testid='profile-label']").Input("Mother");
        provider.Find("[data-testid='save-profile-confirm']").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var saved = Assert.IsType<BirthProfile>(result?.Data);
        Assert.Equal(("Mother", "Mother"), (saved.Details.Label, saved.Details.Name));
        Assert.Equal(saved, Assert.Single(await Profiles.ListAsync(AccountId)));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenSaveDialogAsync(BirthDetails details)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<SaveProfileDialog>
        {
            { d => d.AccountId, AccountId },
            { d => d.Details, details },
            { d => d.Summary, "14 May 1990, 10:30 · New Delhi, Delhi, India" },
        };
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<SaveProfileDialog>("Save to my profiles", parameters));
        provider.WaitForElement("[data-testid='save-profile-confirm']:not([disabled])");
        return (provider, dialog);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _lite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
