using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Admin;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Admin;
using StarSync.Web.Payments;

namespace StarSync.Web.Tests.Components.Admin;

/// <summary>The settings page over a real LiteDB store: people type percent and rupees, the store keeps basis points and paise.</summary>
public sealed class SettingsPageTests : MudComponentTest
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-settings-" + Guid.NewGuid().ToString("N"));
    private readonly LiteStore _store;
    private readonly StoragePorts _ports;

    public SettingsPageTests()
    {
        _store = new LiteStore(_folder);
        _ports = LiteStorage.Open(_store, TimeProvider.System);
        Services.AddSingleton(new PlatformSettingsService(
            _ports.PlatformSettings, _ports.AuditLog, new PaymentsSettings { Mode = PaymentsMode.Sandbox },
            Options.Create(new AdminOptions()), NullLogger<PlatformSettingsService>.Instance));
        var authorization = AddAuthorization();
        authorization.SetAuthorized("Asha Admin");
        authorization.SetClaims(new Claim(StarSyncClaims.AccountId, "admin-1"));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    [Fact]
    public async Task The_defaults_show_in_percent_and_rupees_and_a_save_stores_basis_points_and_paise()
    {
        var page = Render<SettingsPage>();
        page.WaitForElement("input[data-testid='commission']");

        Assert.Equal("30", page.Find("input[data-testid='commission']").GetAttribute("value"));
        Assert.Equal("50", page.Find("input[data-testid='minimum-top-up']").GetAttribute("value"));
        Assert.Contains("The built-in defaults are in force.", page.Markup, StringComparison.Ordinal);

        page.Find("input[data-testid='commission']").Change("27.5");
        page.Find("input[data-testid='minimum-top-up']").Change("100");
        await page.Find("[data-testid='save-settings']").ClickAsync(new());

        var saved = await _ports.PlatformSettings.GetAsync();
        Assert.NotNull(saved);
        Assert.Equal(2750, saved.CommissionBasisPoints);
        Assert.Equal(10_000, saved.MinimumTopUp);
        Assert.Equal(1, saved.Version);
        Assert.Equal("admin-1", saved.UpdatedBy);
        var audit = await _ports.AuditLog.QueryAsync(new AuditQuery { Kind = "settings.changed" });
        Assert.Equal("version 1: commissionBasisPoints 3000 → 2750; minimumTopUp 5000 → 10000", Assert.Single(audit.Items).Detail);
        page.WaitForAssertion(() => Assert.Contains("Version 1, saved", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lowest_rate_above_the_highest_is_refused_beside_the_field_and_nothing_is_saved()
    {
        var page = Render<SettingsPage>();
        page.WaitForElement("input[data-testid='commission']");

        page.Find("input[data-testid='min-rate']").Change("600");
        await page.Find("[data-testid='save-settings']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("The highest rate must not be below the lowest.", page.Markup, StringComparison.Ordinal));
        Assert.Null(await _ports.PlatformSettings.GetAsync());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _store.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
