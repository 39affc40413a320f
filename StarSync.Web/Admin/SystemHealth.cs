using System.Diagnostics;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;
using StarSync.Web.Hosting;
using StarSync.Web.Wallet;

namespace StarSync.Web.Admin;

public sealed record StoreHealth(string Kind, bool Reachable, double LatencyMs);

public sealed record EphemerisHealth(string Version, string DataFolder, bool Computes);

/// <summary>The last scheduled ledger check; null members until it first ran.</summary>
public sealed record LedgerHealth(string State, DateTimeOffset? CheckedAt, int Discrepancies, string? Failure);

/// <summary>Payments over the last 24 hours.</summary>
public sealed record PaymentsHealth(int WebhookFailures24h, int PendingTopUps24h);

/// <summary>This process: memory, processor and uptime.</summary>
public sealed record ProcessHealth(long WorkingSetBytes, long ManagedHeapBytes, double CpuPercent, int ProcessorCount, long UptimeSeconds);

/// <summary>Every figure of the admin health page and <c>GET /api/v1/admin/health</c>.</summary>
/// <param name="OnlineAstrologers">Astrologers whose presence is online or busy (the directory's view) on this node.</param>
/// <param name="LiveConsultations">Consultations in progress (all nodes: read from the store).</param>
public sealed record AdminHealthResponse(
    string Status,
    DateTimeOffset CheckedAt,
    StoreHealth Store,
    EphemerisHealth Ephemeris,
    LedgerHealth Ledger,
    PaymentsHealth Payments,
    long UptimeSeconds,
    int LiveCircuits,
    int SignedInSessions,
    int SignedInUsers,
    int OnlineAstrologers,
    int? LiveConsultations,
    long WorkingSetBytes,
    ProcessHealth Process);

/// <summary>Gathers the health figures; the page and the API show the same.</summary>
public sealed class SystemHealth(
    StorageSetup storage,
    SwissEphemeris ephemeris,
    SessionCircuitRegistry circuits,
    LedgerConsistency ledger,
    IAuditLog audit,
    ITopUpStore topUps,
    IAccountStore accounts,
    IConsultationStore consultations,
    Astrologers.AstrologerPresence presence,
    TimeProvider clock)
{
    private static readonly DateTimeOffset Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly Lock _cpuLock = new();
    private (DateTimeOffset At, TimeSpan Cpu) _lastCpu = (DateTimeOffset.UtcNow, Process.GetCurrentProcess().TotalProcessorTime);

    public async Task<AdminHealthResponse> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var reachable = await storage.Ping(cancellationToken);
        var latency = watch.Elapsed.TotalMilliseconds;
        bool computes;
        try
        {
            await ephemeris.RunAsync(c => c.Tropical(2451545.0, SwissEphemeris.Body.Sun)).WaitAsync(cancellationToken);
            computes = true;
        }
        catch (EphemerisCalculationException)
        {
            computes = false;
        }

        var last = ledger.Last;
        var ledgerHealth = last is null
            ? new LedgerHealth("not-checked-yet", null, 0, null)
            : new LedgerHealth(last.Consistent ? "consistent" : last.Failure is null ? "inconsistent" : "check-failed", last.RanAt, last.Discrepancies.Count, last.Failure);

        var since = now.AddHours(-24);
        var payments = new PaymentsHealth(0, 0);
        int? live = null;
        if (reachable)
        {
            live = (int)(await consultations.QueryAsync(new ConsultationQuery { State = Engine.Consultations.ConsultationState.Active, Take = 1 }, cancellationToken)).Total;
            var rejected = await audit.QueryAsync(new AuditQuery { Kind = "payment.webhook.rejected", From = since, Take = 1 }, cancellationToken);
            var pending = await topUps.ListPendingAsync(now, Paging.MaxTake, cancellationToken);
            payments = new PaymentsHealth((int)rejected.Total, pending.Count(t => t.CreatedAt >= since));
        }

        var (users, _) = await SignedInByRoleAsync(cancellationToken);
        var available = presence.Counts();
        var process = Process.GetCurrentProcess();
        var uptime = (long)(now - Started).TotalSeconds;
        var healthy = reachable && computes && last?.Consistent != false;
        return new AdminHealthResponse(
            healthy ? "healthy" : "unhealthy",
            now,
            new StoreHealth(storage.Description.StartsWith("MongoDB", StringComparison.Ordinal) ? "mongodb" : "litedb", reachable, Math.Round(latency, 3)),
            new EphemerisHealth(ephemeris.Version, ephemeris.DataFolder, computes),
            ledgerHealth,
            payments,
            uptime,
            circuits.CircuitCount,
            circuits.SessionCount,
            users,
            available.Online + available.Busy,
            live,
            process.WorkingSet64,
            new ProcessHealth(process.WorkingSet64, GC.GetTotalMemory(false), CpuPercent(process), Environment.ProcessorCount, uptime));
    }

    // Signed-in people with a live circuit on this node, by role (one point read per signed-in account).
    private async Task<(int Users, int Astrologers)> SignedInByRoleAsync(CancellationToken cancellationToken)
    {
        var users = 0;
        var astrologers = 0;
        foreach (var accountId in circuits.AccountIds)
        {
            var account = await accounts.FindByIdAsync(accountId, cancellationToken);
            if (account?.Role == AccountRole.Astrologer)
            {
                astrologers++;
            }
            else if (account?.Role == AccountRole.User)
            {
                users++;
            }
        }

        return (users, astrologers);
    }

    // Processor use since the previous check, as a share of all cores.
    private double CpuPercent(Process process)
    {
        lock (_cpuLock)
        {
            var now = DateTimeOffset.UtcNow;
            var cpu = process.TotalProcessorTime;
            var wall = (now - _lastCpu.At).TotalMilliseconds;
            var used = (cpu - _lastCpu.Cpu).TotalMilliseconds;
            _lastCpu = (now, cpu);
            return wall <= 0 ? 0 : Math.Round(Math.Clamp(used / (wall * Environment.ProcessorCount) * 100, 0, 100), 1);
        }
    }
}
