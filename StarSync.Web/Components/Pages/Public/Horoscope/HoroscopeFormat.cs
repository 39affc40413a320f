using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using NodaTime;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;

namespace StarSync.Web.Components.Pages.Public.Horoscope;

/// <summary>What the horoscope pages share: the reader's zone, sign symbols and the wording of areas and dates.</summary>
public static class HoroscopeFormat
{
    /// <summary>The signed-in reader's account id and zone (their account setting), or no account and Asia/Kolkata.</summary>
    /// <remarks>The account store is looked up rather than injected so the pages also run in hosts without storage (component tests).</remarks>
    public static async Task<(string? AccountId, DateTimeZone Zone)> ReaderAsync(Task<AuthenticationState>? authentication, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var fallback = DateTimeZoneProviders.Tzdb[Engine.Accounts.Account.DefaultTimeZone];
        if (authentication is null || StarSyncClaims.AccountIdOf((await authentication).User) is not { } accountId)
        {
            return (null, fallback);
        }

        if (services.GetService(typeof(IAccountStore)) is IAccountStore accounts
            && await accounts.FindByIdAsync(accountId) is { } account
            && DateTimeZoneProviders.Tzdb.GetZoneOrNull(account.TimeZone) is { } zone)
        {
            return (accountId, zone);
        }

        return (accountId, fallback);
    }

    /// <summary>The zodiac symbol of sign 1–12 (♈ … ♓), drawn as text rather than emoji.</summary>
    public static string Symbol(int sign) => char.ConvertFromUtf32(0x2648 + sign - 1) + "\uFE0E";

    /// <summary>"Love", "Career", "Money", "Health", "The day".</summary>
    public static string AreaLabel(HoroscopeArea area) => area == HoroscopeArea.General ? "The day" : area.ToString();

    /// <summary>"Wednesday 20 March 2024".</summary>
    public static string LongDate(LocalDate date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"20 Mar".</summary>
    public static string ShortDate(LocalDate date) => date.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>The four scored areas in the order pages show them.</summary>
    public static IReadOnlyList<HoroscopeArea> ScoredAreas { get; } = [HoroscopeArea.Love, HoroscopeArea.Career, HoroscopeArea.Money, HoroscopeArea.Health];

    /// <summary>The icon of an area.</summary>
    public static string Icon(HoroscopeArea area) => area switch
    {
        HoroscopeArea.Love => MudBlazor.Icons.Material.Rounded.FavoriteBorder,
        HoroscopeArea.Career => MudBlazor.Icons.Material.Rounded.WorkOutline,
        HoroscopeArea.Money => MudBlazor.Icons.Material.Rounded.Savings,
        HoroscopeArea.Health => MudBlazor.Icons.Material.Rounded.Spa,
        _ => MudBlazor.Icons.Material.Rounded.WbSunny,
    };
}
