using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;

namespace StarSync.Web.Consultations;

/// <summary>How a consultation action went.</summary>
public enum ConsultationOutcome
{
    Done,

    /// <summary>No such consultation, or the caller is not the party allowed to do this.</summary>
    NotFound,

    /// <summary>The consultation is not in a state that allows it (already answered, ended, …).</summary>
    WrongState,

    /// <summary>The astrologer is not taking consultations (no profile, or not active).</summary>
    AstrologerUnavailable,

    /// <summary>The wallet does not cover the minimum minutes; see <see cref="ConsultationResult.AmountToAdd"/>.</summary>
    InsufficientBalance,

    /// <summary>The user already has a consultation requested or live.</summary>
    AlreadyOpen,
}

/// <summary>The result of a consultation action.</summary>
/// <param name="Consultation">The consultation as it is now (when there is one the caller may see).</param>
/// <param name="AmountToAdd">For <see cref="ConsultationOutcome.InsufficientBalance"/>: paise to top up to be able to start.</param>
/// <param name="RequiredBalance">For <see cref="ConsultationOutcome.InsufficientBalance"/>: the balance needed (paise).</param>
public sealed record ConsultationResult(ConsultationOutcome Outcome, Consultation? Consultation = null, long AmountToAdd = 0, long RequiredBalance = 0)
{
    public bool Succeeded => Outcome == ConsultationOutcome.Done;
}

/// <summary>
/// The consultation lifecycle as the parties drive it: request, cancel, accept, decline, end, and the astrologer's first
/// message. Each change is a compare-and-set on the stored consultation, so racing actors (accept vs. cancel vs. the
/// accept timeout) resolve to exactly one outcome. Money moves only through <see cref="ConsultationMeter"/>.
/// </summary>
public sealed class ConsultationService(
    IConsultationStore store,
    ILedgerStore ledger,
    IAstrologerProfileStore profiles,
    IPlatformSettingsStore settingsStore,
    ConsultationMeter meter,
    ConsultationPresence presence,
    ConsultationEvents events,
    ConsultationAudit audit,
    IOptions<BillingOptions> options,
    TimeProvider clock,
    ILogger<ConsultationService> logger)
{
    private BillingOptions Options => options.Value;

    /// <summary>
    /// A user asks <paramref name="astrologerId"/> for a consultation. The wallet must hold the platform's minimum
    /// minutes at the astrologer's current rate (less any free first-consultation minutes), else
    /// <see cref="ConsultationOutcome.InsufficientBalance"/> with the amount to add.
    /// </summary>
    public async Task<ConsultationResult> RequestAsync(string userId, string astrologerId, string? birthProfileId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(astrologerId);
        var profile = await profiles.FindAsync(astrologerId, cancellationToken);
        if (profile is not { Status: AccountStatus.Active } || astrologerId == userId)
        {
            return new ConsultationResult(ConsultationOutcome.AstrologerUnavailable);
        }

        var rate = profile.Details.RatePerMinute;
        var required = await MinimumBalanceAsync(userId, rate, cancellationToken);
        var balance = (await ledger.GetBalanceAsync(LedgerAccounts.Wallet(userId), cancellationToken)).Balance;
        if (balance < required || balance < 0)
        {
            return new ConsultationResult(ConsultationOutcome.InsufficientBalance, AmountToAdd: Math.Max(required, 0) - balance, RequiredBalance: required);
        }

        var created = await store.CreateAsync(new NewConsultation { UserId = userId, AstrologerId = astrologerId, RatePerMinute = rate, BirthProfileId = birthProfileId }, cancellationToken);
        if (created is null)
        {
            return new ConsultationResult(ConsultationOutcome.AlreadyOpen);
        }

        await audit.StateChangedAsync(created, userId, cancellationToken);
        events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, created));
        return new ConsultationResult(ConsultationOutcome.Done, created);
    }

    /// <summary>
    /// The balance (paise) <paramref name="userId"/> needs to request a consultation at <paramref name="ratePerMinute"/>:
    /// the platform's minimum minutes at that rate, less the free minutes of a free first consultation.
    /// </summary>
    public async Task<long> MinimumBalanceAsync(string userId, long ratePerMinute, CancellationToken cancellationToken = default)
    {
        var settings = await SettingsAsync(cancellationToken);
        var free = await FreeMinutesAsync(userId, settings, cancellationToken);
        return checked(ratePerMinute * Math.Max(0, settings.MinimumBalanceMinutes - free));
    }

    /// <summary>The consultation <paramref name="userId"/> has requested or live (at most one), if any.</summary>
    public async Task<Consultation?> OpenForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        foreach (var state in (ConsultationState[])[ConsultationState.Active, ConsultationState.Requested])
        {
            var page = await store.QueryAsync(new ConsultationQuery { UserId = userId, State = state, Take = 1 }, cancellationToken);
            if (page.Items.Count > 0)
            {
                return page.Items[0];
            }
        }

        return null;
    }

    /// <summary>The requests waiting for <paramref name="astrologerId"/>'s answer, oldest first.</summary>
    public async Task<IReadOnlyList<Consultation>> PendingForAstrologerAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        var page = await store.QueryAsync(new ConsultationQuery { AstrologerId = astrologerId, State = ConsultationState.Requested, Take = Paging.MaxTake }, cancellationToken);
        return [.. page.Items.OrderBy(c => c.RequestedAt)];
    }

    /// <summary>The user withdraws a request that has not been answered.</summary>
    public Task<ConsultationResult> CancelAsync(string userId, string consultationId, CancellationToken cancellationToken = default) =>
        CloseRequestAsync(consultationId, c => c.UserId == userId, ConsultationState.Cancelled, ConsultationParty.User, cancellationToken);

    /// <summary>The astrologer turns a request down.</summary>
    public Task<ConsultationResult> DeclineAsync(string astrologerId, string consultationId, CancellationToken cancellationToken = default) =>
        CloseRequestAsync(consultationId, c => c.AstrologerId == astrologerId, ConsultationState.Declined, ConsultationParty.Astrologer, cancellationToken);

    /// <summary>
    /// The astrologer accepts: the rate and commission in force now are copied onto the consultation, free minutes are
    /// granted if this is the user's first consultation and the platform offers them, and minute 1 is billed at once.
    /// A request past the accept timeout expires instead.
    /// </summary>
    public async Task<ConsultationResult> AcceptAsync(string astrologerId, string consultationId, CancellationToken cancellationToken = default)
    {
        var c = await store.GetAsync(consultationId, cancellationToken);
        if (c is null || c.AstrologerId != astrologerId)
        {
            return new ConsultationResult(ConsultationOutcome.NotFound);
        }

        var now = clock.GetUtcNow();
        if (c.State == ConsultationState.Requested && now - c.RequestedAt > Options.AcceptTimeout)
        {
            var expired = await store.ReplaceAsync(c, ConsultationLifecycle.Close(c, ConsultationState.Expired, now, ConsultationParty.System), cancellationToken);
            if (expired is not null)
            {
                await audit.StateChangedAsync(expired, ConsultationAudit.SystemActor, cancellationToken);
                events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, expired));
            }

            return new ConsultationResult(ConsultationOutcome.WrongState, expired ?? await store.GetAsync(consultationId, cancellationToken));
        }

        if (c.State != ConsultationState.Requested)
        {
            return new ConsultationResult(ConsultationOutcome.WrongState, c);
        }

        var profile = await profiles.FindAsync(astrologerId, cancellationToken);
        if (profile is not { Status: AccountStatus.Active })
        {
            return new ConsultationResult(ConsultationOutcome.AstrologerUnavailable, c);
        }

        var settings = await SettingsAsync(cancellationToken);
        var free = await FreeMinutesAsync(c.UserId, settings, cancellationToken);
        var accepted = await store.ReplaceAsync(c, ConsultationLifecycle.Accept(c, now, profile.Details.RatePerMinute, settings.CommissionBasisPoints, free), cancellationToken);
        if (accepted is null)
        {
            return new ConsultationResult(ConsultationOutcome.WrongState, await store.GetAsync(consultationId, cancellationToken));
        }

        logger.LogInformation("Consultation {Id} accepted at {Rate} paise/min, commission {Bp} bp, {Free} free minute(s).", accepted.Id, accepted.RatePerMinute, accepted.CommissionBasisPoints, free);
        await audit.StateChangedAsync(accepted, astrologerId, cancellationToken);
        events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, accepted));
        var billed = await meter.BillDueAsync(accepted.Id, now, cancellationToken);
        return new ConsultationResult(ConsultationOutcome.Done, billed ?? accepted);
    }

    /// <summary>Either party ends a live consultation.</summary>
    public async Task<ConsultationResult> EndAsync(string accountId, string consultationId, CancellationToken cancellationToken = default)
    {
        var c = await store.GetAsync(consultationId, cancellationToken);
        if (c is null || !c.IsParty(accountId))
        {
            return new ConsultationResult(ConsultationOutcome.NotFound);
        }

        var (party, reason) = accountId == c.UserId
            ? (ConsultationParty.User, ConsultationEndReason.UserEnded)
            : (ConsultationParty.Astrologer, ConsultationEndReason.AstrologerEnded);
        var (now, ended) = await meter.EndAsync(consultationId, clock.GetUtcNow(), party, reason, cancellationToken);
        presence.Forget(consultationId);
        return new ConsultationResult(ended ? ConsultationOutcome.Done : ConsultationOutcome.WrongState, now);
    }

    /// <summary>
    /// The chat calls this for every message: the astrologer's first one is recorded (it keeps the first minute paid).
    /// </summary>
    public async Task<Consultation?> MessageSentAsync(string consultationId, string senderId, CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        return await store.UpdateAsync(
            consultationId,
            c => c.State == ConsultationState.Active && c.AstrologerId == senderId && c.AstrologerFirstMessageAt is null ? c with { AstrologerFirstMessageAt = at } : null,
            cancellationToken);
    }

    /// <summary>
    /// An astrologer was deactivated or removed: their live consultations end (astrologer-deactivated) and their waiting
    /// requests are declined.
    /// </summary>
    public async Task<int> EndForAstrologerAsync(string astrologerId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var ended = 0;
        var page = await store.QueryAsync(new ConsultationQuery { AstrologerId = astrologerId, State = ConsultationState.Active, Take = Paging.MaxTake }, cancellationToken);
        foreach (var c in page.Items)
        {
            if ((await meter.EndAsync(c.Id, now, ConsultationParty.System, ConsultationEndReason.AstrologerDeactivated, cancellationToken)).Ended)
            {
                ended++;
            }
        }

        var requests = await store.QueryAsync(new ConsultationQuery { AstrologerId = astrologerId, State = ConsultationState.Requested, Take = Paging.MaxTake }, cancellationToken);
        foreach (var c in requests.Items)
        {
            if (await store.ReplaceAsync(c, ConsultationLifecycle.Close(c, ConsultationState.Declined, now, ConsultationParty.System), cancellationToken) is { } declined)
            {
                await audit.StateChangedAsync(declined, ConsultationAudit.SystemActor, cancellationToken);
                events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, declined));
            }
        }

        return ended;
    }

    /// <summary>The consultation, if <paramref name="accountId"/> is one of its parties.</summary>
    public async Task<Consultation?> GetForPartyAsync(string accountId, string consultationId, CancellationToken cancellationToken = default)
    {
        var c = await store.GetAsync(consultationId, cancellationToken);
        return c is not null && c.IsParty(accountId) ? c : null;
    }

    private async Task<ConsultationResult> CloseRequestAsync(string consultationId, Func<Consultation, bool> allowed, ConsultationState to, ConsultationParty by, CancellationToken cancellationToken)
    {
        var c = await store.GetAsync(consultationId, cancellationToken);
        if (c is null || !allowed(c))
        {
            return new ConsultationResult(ConsultationOutcome.NotFound);
        }

        if (c.State != ConsultationState.Requested)
        {
            return new ConsultationResult(ConsultationOutcome.WrongState, c);
        }

        var closed = await store.ReplaceAsync(c, ConsultationLifecycle.Close(c, to, clock.GetUtcNow(), by), cancellationToken);
        if (closed is null)
        {
            return new ConsultationResult(ConsultationOutcome.WrongState, await store.GetAsync(consultationId, cancellationToken));
        }

        await audit.StateChangedAsync(closed, ConsultationAudit.ActorOf(closed, by), cancellationToken);
        events.Publish(new ConsultationEvent(ConsultationEventKind.StateChanged, closed));
        return new ConsultationResult(ConsultationOutcome.Done, closed);
    }

    private async Task<PlatformSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await settingsStore.GetAsync(cancellationToken) ?? new PlatformSettings();

    // Free minutes apply to a user's first consultation: one that is not preceded by any consultation that went live.
    private async Task<int> FreeMinutesAsync(string userId, PlatformSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.FreeFirstConsultation)
        {
            return 0;
        }

        var earlier = await store.QueryAsync(new ConsultationQuery { UserId = userId, Accepted = true, Take = 1 }, cancellationToken);
        return earlier.Total == 0 ? settings.FreeFirstConsultationMinutes : 0;
    }
}

/// <summary>Registers the consultation services and the billing loop.</summary>
public static class ConsultationsSetup
{
    public static IServiceCollection AddConsultations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section))
            .Validate(o => o.MinuteSeconds >= 1, "Billing:MinuteSeconds must be at least 1.")
            .Validate(o => o.AcceptTimeoutSeconds >= 1, "Billing:AcceptTimeoutSeconds must be at least 1.")
            .Validate(o => o.GraceSeconds >= 0, "Billing:GraceSeconds must not be negative.")
            .Validate(o => o.WarningMinutes >= 0, "Billing:WarningMinutes must not be negative.")
            .Validate(o => o.TickMilliseconds is >= 50 and <= 60_000, "Billing:TickMilliseconds must be 50–60000.")
            .Validate(o => o.Parallelism is >= 1 and <= 256, "Billing:Parallelism must be 1–256.")
            .ValidateOnStart();
        services.AddSingleton<ConsultationEvents>();
        services.AddSingleton<ConsultationAudit>();
        services.AddSingleton<ConsultationPresence>();
        services.AddSingleton<ConsultationMeter>();
        services.AddSingleton<ConsultationService>();
        services.AddSingleton<ConsultationChat>();
        services.AddSingleton<ConsultationBilling>();
        // The consultation room: typing signal, and presence counted per party across the circuits of this node.
        services.AddSingleton<ConsultationTyping>();
        services.AddSingleton<ConsultationRoomCircuits>();
        services.AddScoped<ConsultationRoomConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ConsultationRoomCircuitHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsultationBilling>());
        return services;
    }
}
