using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Auth;

namespace StarSync.Bench;

/// <summary>
/// What the kill switch adds to every request: the session check, answered from the per-node cache (the common case)
/// and from the LiteDB store (the first request after the cache lifetime, or after a revocation).
/// </summary>
[MemoryDiagnoser]
public class SessionCheckBenchmarks
{
    private string _folder = "";
    private LiteStore _store = null!;
    private SessionValidation _cached = null!;
    private SessionValidation _uncached = null!;
    private string _accountId = "";
    private string _sessionId = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "starsync-bench-" + Guid.NewGuid().ToString("N"));
        _store = new LiteStore(_folder);
        var ports = LiteStorage.Open(_store, TimeProvider.System);
        var account = ports.Accounts.CreateAsync(new NewAccount { Email = "bench@example.com", Name = "Bench", Role = AccountRole.User, PasswordHash = "x" }).GetAwaiter().GetResult().Account!;
        var session = ports.Accounts.StartSessionAsync(account.Id, new SessionClient("Chrome on Linux", "127.0.0.x")).GetAwaiter().GetResult().Session!;
        (_accountId, _sessionId) = (account.Id, session.Id);
        _cached = new SessionValidation(ports.Accounts, Options.Create(new AuthOptions()), TimeProvider.System);
        _uncached = new SessionValidation(ports.Accounts, Options.Create(new AuthOptions { SessionCheckCache = TimeSpan.Zero }), TimeProvider.System);
        _cached.IsActiveAsync(_accountId, _sessionId).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Session check, cached")]
    public ValueTask<bool> Cached() => _cached.IsActiveAsync(_accountId, _sessionId);

    [Benchmark(Description = "Session check, LiteDB read")]
    public ValueTask<bool> FromStore() => _uncached.IsActiveAsync(_accountId, _sessionId);
}
