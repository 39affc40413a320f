using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Reviews;
using StarSync.Engine.Storage;

namespace StarSync.Web.Astrologers;

/// <summary>A filter over the public directory; every criterion given must match. Rates in paise per minute.</summary>
public sealed record DirectoryFilter
{
    public PresenceStatus? Status { get; init; }

    public string? Language { get; init; }

    public string? Expertise { get; init; }

    public long? MaxRate { get; init; }
}

/// <summary>
/// An astrologer as the public sees them. <see cref="Rating"/> is the mean of the visible reviews' stars (1–5, not
/// rounded), null and <see cref="ReviewCount"/> 0 until reviews exist.
/// </summary>
public sealed record DirectoryEntry(
    string Id,
    string Name,
    string? PhotoUrl,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Expertise,
    long RatePerMinute,
    PresenceStatus Status,
    double? Rating,
    int ReviewCount,
    int ExperienceYears,
    string Bio);

/// <summary>
/// The public list of astrologers: active profiles only (deactivated, blocked and deleted ones never appear), with the
/// presence derived now, ordered online first, then busy, then offline; within each by rating (best first, unrated
/// last), then by name.
/// </summary>
public sealed class AstrologerDirectory(IAstrologerProfileStore profiles, AstrologerPresence presence, IReviewStore reviews)
{
    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(DirectoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var found = new List<AstrologerProfile>();
        for (var skip = 0; ; skip += Paging.MaxTake)
        {
            var page = await profiles.ListAsync(new AstrologerQuery
            {
                Status = AccountStatus.Active,
                Language = Blank(filter.Language),
                Expertise = Blank(filter.Expertise),
                Skip = skip,
                Take = Paging.MaxTake,
            }, cancellationToken);
            found.AddRange(page.Items);
            if (!page.HasMore || page.Items.Count == 0)
            {
                break;
            }
        }

        // The rating figures are kept per astrologer by the review store (docs/reviews.md, "Rating"): one read for all.
        var summaries = await reviews.SummariesAsync([.. found.Select(p => p.AccountId)], cancellationToken);
        var entries = found.Select(p => Entry(p, summaries.GetValueOrDefault(p.AccountId) ?? ReviewSummary.None));
        return Order(entries.Where(e => (filter.Status is null || e.Status == filter.Status) && (filter.MaxRate is null || e.RatePerMinute <= filter.MaxRate)));
    }

    /// <summary>One listed astrologer, or null when there is none by that id or it is not active.</summary>
    public async Task<DirectoryEntry?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var profile = await profiles.FindAsync(id, cancellationToken);
        return profile is { Status: AccountStatus.Active } ? Entry(profile, await reviews.SummaryAsync(profile.AccountId, cancellationToken)) : null;
    }

    /// <summary>The directory's order: online, busy, offline; then rating (unrated last); then name.</summary>
    public static IReadOnlyList<DirectoryEntry> Order(IEnumerable<DirectoryEntry> entries) =>
    [
        .. entries
            .OrderBy(e => Rank(e.Status))
            .ThenByDescending(e => e.Rating ?? double.MinValue)
            .ThenBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(e => e.Id, StringComparer.Ordinal),
    ];

    private static int Rank(PresenceStatus status) => status switch
    {
        PresenceStatus.Online => 0,
        PresenceStatus.Busy => 1,
        _ => 2,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private DirectoryEntry Entry(AstrologerProfile p, ReviewSummary rating) => new(
        p.AccountId,
        p.Details.DisplayName,
        p.Photo?.Url,
        p.Details.Languages,
        p.Details.Expertise,
        p.Details.RatePerMinute,
        presence.StatusOf(p.AccountId),
        rating.Average,
        rating.Count,
        p.Details.YearsOfExperience,
        p.Details.Bio);
}

/// <summary>Registers presence, its clock and circuit handler, and the directory.</summary>
public static class AstrologersSetup
{
    public static IServiceCollection AddAstrologerDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PresenceOptions>().Bind(configuration.GetSection(PresenceOptions.Section))
            .Validate(o => o.GraceSeconds >= 0, "Presence:GraceSeconds must not be negative.")
            .Validate(o => o.HeartbeatSeconds >= 1, "Presence:HeartbeatSeconds must be at least 1.")
            .Validate(o => o.TickMilliseconds is >= 50 and <= 60_000, "Presence:TickMilliseconds must be 50–60000.")
            .ValidateOnStart();
        services.AddSingleton<AstrologerPresence>();
        services.AddSingleton<AstrologerDirectory>();
        services.AddSingleton<AstrologerProfileEditor>();
        services.AddHostedService<PresenceClock>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AstrologerCircuitHandler>();
        return services;
    }
}
