using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;

namespace StarSync.Bench;

/// <summary>What the consultation load driver does (command line: <c>consultations [--pairs N] [--minutes N] …</c>).</summary>
public sealed record ConsultationLoadOptions
{
    /// <summary>Users and astrologers, one consultation per pair.</summary>
    public int Pairs { get; init; } = 500;

    /// <summary>How many billed minutes each consultation lasts.</summary>
    public int Minutes { get; init; } = 30;

    /// <summary>Length of a billed minute (seconds): short, so a run takes minutes, not hours.</summary>
    public int MinuteSeconds { get; init; } = 1;

    /// <summary>How often the billing loop scans (ms); the production default (minutes are billed on their due time between scans).</summary>
    public int TickMilliseconds { get; init; } = 1000;

    /// <summary>How many consultations the billing loop bills at once (<c>Billing:Parallelism</c>); null: the app's default.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Chat messages per consultation (the astrologer sends the first, then the parties alternate).</summary>
    public int Messages { get; init; } = 4;

    /// <summary>Requests in flight at once while consultations are requested and accepted.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// Extra pairs that chat through real browsers (chromium) while the API load runs, to measure chat delivery between
    /// two circuits (<see cref="ChatDeliveryProbe"/>); 0 (<c>--no-browser</c>) leaves the browsers out.
    /// </summary>
    public int BrowserPairs { get; init; } = 3;

    /// <summary>
    /// Pairs that run the whole flow (<see cref="WarmUpMinutes"/> each) before the measured load, so the process is warm as
    /// a server that has been running is (its code compiled to the optimised tier); billed and checked like the rest, out
    /// of the figures.
    /// </summary>
    public int WarmUpPairs { get; init; } = 100;

    /// <summary>How many billed minutes each warm-up consultation lasts.</summary>
    public int WarmUpMinutes { get; init; } = 10;

    /// <summary>Messages each browser pair sends (alternating sides, one at a time).</summary>
    public int BrowserMessages { get; init; } = 40;

    /// <summary>
    /// Pause between one browser message's delivery and the next message of that pair (ms): a second, still far quicker
    /// than people chat (each message costs the pages' browser CPU the app shares on a small machine).
    /// </summary>
    public int BrowserGapMilliseconds { get; init; } = 1_000;

    /// <summary>
    /// Niceness of the browser processes (<c>--browser-nice</c>, Linux: 0 the default priority, 19 the lowest). The users'
    /// devices are not the server's; on a small machine a low priority lets the pages use only what the app leaves (their
    /// own delays still count in each delivery). Default 0: the pages compete with the app as they are.
    /// </summary>
    public int BrowserNiceness { get; init; }

    /// <summary>
    /// Seconds over which the measured consultations are requested, evenly (<c>--ramp-seconds</c>): 50 a second for
    /// 500, after which all of them are live together until the first ends (with the default 30 minutes, for 20 s). 0
    /// requests them all at once, <see cref="Concurrency"/> at a time (a start-up storm no marketplace sees: 500
    /// consultations accepted within ~3 s).
    /// </summary>
    public int RampSeconds { get; init; } = 10;

    /// <summary>Also print the billing loop's drift second by second of the run (<c>--timeline</c>): to tell periodic stalls from steady lateness.</summary>
    public bool Timeline { get; init; }

    public static ConsultationLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ConsultationLoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--pairs" => options with { Pairs = Next() },
                "--minutes" => options with { Minutes = Next() },
                "--minute-seconds" => options with { MinuteSeconds = Next() },
                "--tick-ms" => options with { TickMilliseconds = Next() },
                "--messages" => options with { Messages = Next() },
                "--parallelism" => options with { Parallelism = Next() },
                "--concurrency" => options with { Concurrency = Next() },
                "--no-browser" => options with { BrowserPairs = 0 },
                "--warm-up" => options with { WarmUpPairs = Next() },
                "--warm-up-minutes" => options with { WarmUpMinutes = Next() },
                "--browser-pairs" => options with { BrowserPairs = Next() },
                "--browser-messages" => options with { BrowserMessages = Next() },
                "--timeline" => options with { Timeline = true },
                "--browser-gap-ms" => options with { BrowserGapMilliseconds = Next() },
                "--ramp-seconds" => options with { RampSeconds = Next() },
                "--browser-nice" => options with { BrowserNiceness = Next() },
                var other => throw new ArgumentException($"Unknown option '{other}'. Options: --pairs N --minutes N --minute-seconds N --tick-ms N --parallelism N --messages N --concurrency N --browser-pairs N --browser-messages N --no-browser --warm-up N --warm-up-minutes N --browser-gap-ms N --browser-nice N --ramp-seconds N --timeline"),
            };
        }

        if (options.Pairs is < 1 or > 5_000 || options.Minutes is < 2 or > 600 || options.MinuteSeconds is < 1 or > 60 || options.Messages is < 1 or > 100 || options.Concurrency is < 1 or > 1_000
            || options.BrowserPairs is < 0 or > 10 || options.BrowserMessages is < 2 or > 1_000 || options.WarmUpPairs is < 0 or > 1_000 || options.WarmUpMinutes is < 2 or > 600
            || options.BrowserGapMilliseconds is < 0 or > 60_000 || options.RampSeconds is < 0 or > 600 || options.BrowserNiceness is < -20 or > 19)
        {
            throw new ArgumentException("Bounds: pairs 1–5000, minutes 2–600, minute-seconds 1–60, messages 1–100, concurrency 1–1000, browser pairs 0–10, browser messages 2–1000, warm-up pairs 0–1000, warm-up minutes 2–600, browser gap 0–60000 ms, browser nice −20–19, ramp 0–600 s.");
        }

        return options;
    }
}

/// <summary>
/// Load driver: live consultations end to end through the HTTP API of the real app, hosted in this process on Kestrel
/// on 127.0.0.1 with a temporary data folder and a short billing minute. Users and astrologers are seeded directly in
/// the LiteDB file first (accounts with a cheap BCrypt hash, active profiles, each wallet funded by one posting); then
/// every account signs in through the API, astrologers go online, every user requests a consultation with their
/// astrologer, who accepts; the pairs chat over the API, stay live for the given number of minutes and end. Afterwards
/// the store is opened again and every consultation is checked against the ledger: minutes 1..n posted once each under
/// <c>consult:&lt;id&gt;:&lt;k&gt;</c>, n equal to the minutes that started before the end, wallet, earnings and commission
/// sums as the split says. Tick drift is each minute's posting time (the ledger's own timestamp, taken when the posting is
/// written) minus the minute's due time (acceptance + (k − 1) minutes).
/// </summary>
/// <remarks>
/// Before the measured load, warm-up pairs (<c>--warm-up</c>, default 100, 10 minutes each) run the whole flow, so what is measured is a
/// warm server (a cold process spends a sixth of its CPU compiling its code at first), while the browser pairs
/// (<c>--browser-pairs</c>, default 3) sign in and open their rooms. Once every measured consultation is live the
/// browser pairs chat until the load ends, and the delivery of each message from one circuit to the other is measured
/// (<see cref="ChatDeliveryProbe"/>). Every consultation, warm-up and browser ones included, is checked against the
/// ledger; only the measured ones are in the figures. Everything stays on loopback, every wait is bounded, and
/// the temporary folder is deleted at the end.
/// </remarks>
public static class ConsultationLoad
{
    private const string Password = "bench load password";
    private const long Funding = 500_000;

    public static async Task<int> RunAsync(ConsultationLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.Combine(Path.GetTempPath(), "starsync-consultation-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = new Run(options, folder);
            return await run.ExecuteAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }

    private sealed record Pair(int Index, string UserId, string UserEmail, string AstrologerId, string AstrologerEmail, long Rate)
    {
        public HttpClient? User { get; set; }

        public HttpClient? Astrologer { get; set; }

        public string? ConsultationId { get; set; }

        public DateTimeOffset AcceptedAt { get; set; }

        public string? Failure { get; set; }
    }

    private sealed class Run(ConsultationLoadOptions options, string folder)
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
        private readonly List<Pair> _warmUpPairs = [];
        private readonly List<Pair> _pairs = [];
        private readonly List<Pair> _browserPairs = [];
        private IReadOnlyList<Delivery>? _delivery;
        private RuntimeSampler? _sampler;
        private TimeSpan Minute => TimeSpan.FromSeconds(options.MinuteSeconds);

        public async Task<int> ExecuteAsync()
        {
            var total = Stopwatch.StartNew();
            Console.WriteLine($"Consultation load: {options.Pairs} pairs, {options.Minutes} minutes of {options.MinuteSeconds} s, billing tick {options.TickMilliseconds} ms, billing parallelism {options.Parallelism?.ToString(CultureInfo.InvariantCulture) ?? "default"}, {options.Messages} messages per pair, {options.Concurrency} requests in flight while starting; data in {folder}");
            await SeedAsync();
            Console.WriteLine($"Seeded {options.Pairs} users and {options.Pairs} astrologers in {total.Elapsed.TotalSeconds:F1} s.");

            await using (var app = await InProcessApp.StartAsync(Arguments()))
            {
                Console.WriteLine($"App listening on {app.BaseAddress} after {total.Elapsed.TotalSeconds:F1} s.");
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
                await SignInAsync(app.BaseAddress, handler);
                using var heartbeats = new CancellationTokenSource();
                var heartbeat = HeartbeatsAsync(heartbeats.Token);
                // The browser pairs open their rooms first (page loads are not what is measured), then chat once every
                // API consultation is live, and stop when the API load ends: delivery is measured under that load only.
                var warmUp = WarmUpAsync();
                await using var probe = await StartProbeAsync(app.BaseAddress);
                await warmUp;
                using var loadOver = new CancellationTokenSource();
                using var sampler = options.Timeline ? new RuntimeSampler(TimeSpan.FromMilliseconds(5)) : null;
                _sampler = sampler;
                var api = ApiPhaseAsync();
                var browsers = ChatUnderLoadAsync(probe, loadOver.Token);
                await api;
                await loadOver.CancelAsync();
                await browsers;
                await heartbeats.CancelAsync();
                await heartbeat;
                // One more tick, so nothing still in flight is cut off by the stop.
                await Task.Delay(TimeSpan.FromMilliseconds(options.TickMilliseconds * 3));
                foreach (var pair in _pairs)
                {
                    pair.User?.Dispose();
                    pair.Astrologer?.Dispose();
                }
            }

            var ok = await VerifyAsync();
            Console.WriteLine($"Total run time {total.Elapsed.TotalSeconds:F1} s.");
            return ok ? 0 : 1;
        }

        private string[] Arguments() =>
        [
            .. options.Parallelism is { } parallelism ? [$"--Billing:Parallelism={parallelism}"] : Array.Empty<string>(),
            "--environment=Development",
            $"--STARSYNC_DATA_DIR={folder}",
            $"--Billing:MinuteSeconds={options.MinuteSeconds}",
            $"--Billing:TickMilliseconds={options.TickMilliseconds}",
            // Nothing may expire or end for lack of a connection while the driver works through the pairs.
            "--Billing:AcceptTimeoutSeconds=600",
            "--Billing:GraceSeconds=600",
            "--Auth:SignInsPerMinutePerAddress=1000000",
            "--Logging:LogLevel:Default=Warning",
            // The hourly ledger check and the daily backup read the whole file; keep them out of the measured minutes.
            "--LedgerCheck:FirstRunDelay=01:00:00",
            "--Backups:Every=00:00:00",
        ];

        private async Task SeedAsync()
        {
            using var store = new LiteStore(folder);
            var ports = LiteStorage.Open(store, TimeProvider.System);
            var hash = BCrypt.Net.BCrypt.HashPassword(Password, 4);
            for (var i = 0; i < options.Pairs + options.BrowserPairs + options.WarmUpPairs; i++)
            {
                var userEmail = $"load-user-{i}@bench.example";
                var astrologerEmail = $"load-astrologer-{i}@bench.example";
                var user = (await ports.Accounts.CreateAsync(new NewAccount { Email = userEmail, Name = $"Load user {i}", Role = AccountRole.User, PasswordHash = hash })).Account!;
                var astrologer = (await ports.Accounts.CreateAsync(new NewAccount { Email = astrologerEmail, Name = $"Load astrologer {i}", Role = AccountRole.Astrologer, PasswordHash = hash })).Account!;
                // Rates ₹5.00 to ₹27.50 in ₹2.50 steps, so splits round differently.
                var rate = 500 + (i % 10 * 250);
                await ports.AstrologerProfiles.CreateAsync(astrologer.Id, new AstrologerDetails
                {
                    DisplayName = $"Load astrologer {i}",
                    Languages = ["Hindi"],
                    Expertise = ["Vedic"],
                    YearsOfExperience = 5,
                    MinRatePerMinute = 500,
                    MaxRatePerMinute = 50_000,
                    RatePerMinute = rate,
                });
                var funded = await ports.Ledger.PostAsync(new NewPosting
                {
                    IdempotencyKey = "bench:fund:" + user.Id,
                    Reference = "bench funding",
                    Actor = "bench",
                    Entries = [new(LedgerAccounts.Wallet(user.Id), Funding, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -Funding, LedgerEntryKind.Topup)],
                });
                if (funded.Outcome != PostingOutcome.Posted)
                {
                    throw new InvalidOperationException($"Funding user {i} failed: {funded.Outcome}.");
                }

                (i < options.Pairs ? _pairs : i < options.Pairs + options.BrowserPairs ? _browserPairs : _warmUpPairs).Add(new Pair(i, user.Id, userEmail, astrologer.Id, astrologerEmail, rate));
            }
        }

        private async Task SignInAsync(Uri baseAddress, SocketsHttpHandler handler)
        {
            var clock = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(options.Concurrency);
            await Task.WhenAll(_pairs.Concat(_warmUpPairs).Select(async pair =>
            {
                pair.User = await ClientAsync(baseAddress, handler, pair.UserEmail, gate);
                pair.Astrologer = await ClientAsync(baseAddress, handler, pair.AstrologerEmail, gate);
                await SendAsync("online", pair.Astrologer, HttpMethod.Put, "/api/v1/astrologer/status", new { status = "online" }, gate);
            }));
            Console.WriteLine($"Signed in {(_pairs.Count + _warmUpPairs.Count) * 2} accounts and put {_pairs.Count + _warmUpPairs.Count} astrologers online in {clock.Elapsed.TotalSeconds:F1} s.");
        }

        private async Task<HttpClient> ClientAsync(Uri baseAddress, SocketsHttpHandler handler, string email, SemaphoreSlim gate)
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var tokens = await SendAsync("sign-in", client, HttpMethod.Post, "/api/v1/auth/login", new { email, password = Password }, gate)
                ?? throw new InvalidOperationException($"{email} could not sign in.");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
            return client;
        }

        // API-only astrologers stay online through heartbeats (a consultation makes them busy anyway).
        private async Task HeartbeatsAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                    using var gate = new SemaphoreSlim(8);
                    await Task.WhenAll(_pairs.Select(p => SendAsync("heartbeat", p.Astrologer!, HttpMethod.Post, "/api/v1/astrologer/heartbeat", null, gate)));
                }
            }
            catch (OperationCanceledException)
            {
                // The API phase is over.
            }
        }

        /// <summary>The warm-up pairs through the whole flow; their requests are recorded apart from the figures.</summary>
        private async Task WarmUpAsync()
        {
            if (_warmUpPairs.Count == 0)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(options.Concurrency);
            using var chatGate = new SemaphoreSlim(64);
            using var endGate = new SemaphoreSlim(64);
            await Task.WhenAll(_warmUpPairs.Select(pair => PairAsync(pair, gate, chatGate, endGate, minutes: options.WarmUpMinutes, phase: "warm-up ")));
            Console.WriteLine($"Warm-up: {_warmUpPairs.Count} consultations of {options.WarmUpMinutes} minutes in {clock.Elapsed.TotalSeconds:F1} s (checked with the rest, not in the figures).");
        }

        /// <summary>The browser pairs, signed in only through their browsers, each in a live consultation's room; null without browser pairs or when starting failed.</summary>
        private async Task<ChatDeliveryProbe?> StartProbeAsync(Uri baseAddress)
        {
            if (_browserPairs.Count == 0)
            {
                return null;
            }

            try
            {
                var clock = Stopwatch.StartNew();
                var probe = await ChatDeliveryProbe.StartAsync(baseAddress, [.. _browserPairs.Select(p => new BrowserPair(p.UserEmail, p.AstrologerEmail, p.AstrologerId, Password))], options.BrowserNiceness);
                for (var i = 0; i < _browserPairs.Count; i++)
                {
                    _browserPairs[i].ConsultationId = probe.ConsultationIds[i];
                }

                Console.WriteLine($"{_browserPairs.Count} browser pairs signed in and in their rooms in {clock.Elapsed.TotalSeconds:F1} s.");
                return probe;
            }
            catch (Exception e) when (e is PlaywrightException or InvalidOperationException or TimeoutException)
            {
                _failures.AddOrUpdate($"browser start {e.GetType().Name}: {e.Message.Split('\n')[0]}", 1, (_, n) => n + 1);
                return null;
            }
        }

        /// <summary>
        /// Once every API pair has been accepted (or failed), the browser pairs chat until the API load ends; then they end
        /// their consultations.
        /// </summary>
        private async Task ChatUnderLoadAsync(ChatDeliveryProbe? probe, CancellationToken loadOver)
        {
            if (probe is null)
            {
                return;
            }

            try
            {
                while (!loadOver.IsCancellationRequested && _pairs.Any(p => p.AcceptedAt == default && p.Failure is null))
                {
                    await Task.Delay(50, CancellationToken.None);
                }

                _delivery = await probe.ChatAsync(options.BrowserMessages, TimeSpan.FromMilliseconds(options.BrowserGapMilliseconds), loadOver);
                await probe.EndAsync();
            }
            catch (Exception e) when (e is PlaywrightException or InvalidOperationException or TimeoutException)
            {
                _failures.AddOrUpdate($"browser chat {e.GetType().Name}: {e.Message.Split('\n')[0]}", 1, (_, n) => n + 1);
            }
        }

        /// <summary>Every pair: request, accept, chat, stay live for the minutes asked, end.</summary>
        private async Task ApiPhaseAsync()
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var gate = new SemaphoreSlim(options.Concurrency);
            using var chatGate = new SemaphoreSlim(64);
            // Ends have their own gate, so they are sent on time rather than queued behind messages.
            using var endGate = new SemaphoreSlim(64);
            var ramp = TimeSpan.FromSeconds(options.RampSeconds);
            var start = DateTimeOffset.UtcNow;
            await Task.WhenAll(_pairs.Select(async (pair, i) =>
            {
                await DelayUntilAsync(start + (ramp * i / _pairs.Count));
                await PairAsync(pair, gate, chatGate, endGate);
            }));
            var started = _pairs.Count(p => p.ConsultationId is not null && p.AcceptedAt != default);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"API phase: {started} consultations requested, accepted, chatted and ended in {clock.Elapsed.TotalSeconds:F1} s; {_pairs.Count(p => p.Failure is not null)} failed; this process used {used.TotalSeconds:F1} s of CPU meanwhile ({used / clock.Elapsed:P0} of one core; {Environment.ProcessorCount} cores; load average {LoadAverage()}).");
            foreach (var failure in _pairs.Where(p => p.Failure is not null).Take(5))
            {
                Console.WriteLine($"  pair {failure.Index}: {failure.Failure}");
            }
        }

        private async Task PairAsync(Pair pair, SemaphoreSlim gate, SemaphoreSlim chatGate, SemaphoreSlim endGate, int? minutes = null, string phase = "")
        {
            var requested = await SendAsync(phase + "request", pair.User!, HttpMethod.Post, "/api/v1/consultations", new { astrologerId = pair.AstrologerId }, gate);
            if (requested is null)
            {
                pair.Failure = "request refused";
                return;
            }

            pair.ConsultationId = requested.Value.GetProperty("id").GetString();
            var accepted = await SendAsync(phase + "accept", pair.Astrologer!, HttpMethod.Post, $"/api/v1/consultations/{pair.ConsultationId}/accept", null, gate);
            if (accepted is null)
            {
                pair.Failure = "accept refused";
                return;
            }

            pair.AcceptedAt = accepted.Value.GetProperty("startedAt").GetDateTimeOffset();
            var live = Minute * ((minutes ?? options.Minutes) - 1) + Minute / 2;
            for (var m = 0; m < options.Messages; m++)
            {
                // The astrologer answers at once (that keeps minute 1 paid); the rest spread over the consultation.
                await DelayUntilAsync(pair.AcceptedAt + (live * m / options.Messages));
                var sender = m % 2 == 0 ? pair.Astrologer! : pair.User!;
                if (await SendAsync(phase + "message", sender, HttpMethod.Post, $"/api/v1/consultations/{pair.ConsultationId}/messages", new { text = $"Message {m + 1} of pair {pair.Index}: how does my dasha look?" }, chatGate) is null)
                {
                    pair.Failure = $"message {m + 1} refused";
                }
            }

            // Ended half-way through minute n, so exactly n minutes have started.
            await DelayUntilAsync(pair.AcceptedAt + live);
            if (await SendAsync(phase + "end", pair.User!, HttpMethod.Post, $"/api/v1/consultations/{pair.ConsultationId}/end", null, endGate) is null)
            {
                pair.Failure = "end refused";
            }
        }

        private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        private static async Task DelayUntilAsync(DateTimeOffset at)
        {
            var wait = at - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        /// <summary>Sends one request and records its latency under <paramref name="what"/>; the JSON body on success, else null.</summary>
        private async Task<JsonElement?> SendAsync(string what, HttpClient client, HttpMethod method, string path, object? body, SemaphoreSlim gate)
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                _latencies.GetOrAdd(what, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    _failures.AddOrUpdate($"{what} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    return null;
                }

                return text.Length == 0 ? default(JsonElement) : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _failures.AddOrUpdate($"{what} {e.GetType().Name}", 1, (_, n) => n + 1);
                return null;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>
        /// Opens the stopped app's store (the app closed its own on stopping: one instance per file) and checks every
        /// consultation against the ledger; prints the figures.
        /// </summary>
        private async Task<bool> VerifyAsync()
        {
            using var store = new LiteStore(folder);
            var ports = LiteStorage.Open(store, TimeProvider.System);
            var consultations = new List<Consultation>();
            for (var skip = 0; ; skip += Paging.MaxTake)
            {
                var page = await ports.Consultations.QueryAsync(new ConsultationQuery { Skip = skip, Take = Paging.MaxTake });
                consultations.AddRange(page.Items);
                if (!page.HasMore)
                {
                    break;
                }
            }

            var problems = new List<string>();
            var loopDrift = new List<double>();
            var timeline = new List<(DateTimeOffset Due, double Drift)>();
            var firstMinuteDrift = new List<double>();
            long minutes = 0, earnings = 0, commission = 0;
            var reversed = 0;
            var byId = _pairs.Concat(_browserPairs).Concat(_warmUpPairs).Where(p => p.ConsultationId is not null).ToDictionary(p => p.ConsultationId!, StringComparer.Ordinal);
            var warmUp = _warmUpPairs.Where(p => p.ConsultationId is not null).Select(p => p.ConsultationId!).ToHashSet(StringComparer.Ordinal);
            foreach (var c in consultations)
            {
                if (c.State != ConsultationState.Ended || c.AcceptedAt is not { } accepted || c.EndedAt is not { } ended)
                {
                    problems.Add($"{c.Id}: {c.State}, not ended");
                    continue;
                }

                // Every minute that started before the end (no pauses here: API parties are never reported away).
                var started = (int)((ended - accepted).Ticks / Minute.Ticks) + 1;
                if (c.BilledMinutes != started)
                {
                    problems.Add($"{c.Id}: {c.BilledMinutes} minutes billed, {started} started ({c.EndReason})");
                }

                for (var k = 1; k <= c.BilledMinutes; k++)
                {
                    var posting = await ports.Ledger.FindPostingAsync(ConsultationPostings.MinuteKey(c.Id, k));
                    if (posting is null)
                    {
                        problems.Add($"{c.Id}: minute {k} counted but not posted");
                        continue;
                    }

                    var drift = (posting.CreatedAt - (accepted + (Minute * (k - 1)))).TotalMilliseconds;
                    if (!warmUp.Contains(c.Id))
                    {
                        (k == 1 ? firstMinuteDrift : loopDrift).Add(drift);
                        if (k > 1)
                        {
                            timeline.Add((accepted + (Minute * (k - 1)), drift));
                        }
                    }
                }

                // A minute posted as the consultation ended (after its end) is not counted, and must have been reversed.
                if (await ports.Ledger.FindPostingAsync(ConsultationPostings.MinuteKey(c.Id, c.BilledMinutes + 1)) is not null
                    && await ports.Ledger.FindPostingAsync(ConsultationPostings.RefundKey(c.Id, c.BilledMinutes + 1)) is null)
                {
                    problems.Add($"{c.Id}: minute {c.BilledMinutes + 1} posted but neither counted nor reversed");
                }

                // The user's wallet: one consultation entry per billed minute (less refunded ones: the first minute, or a
                // minute posted as the consultation ended and reversed), and the balances the split says.
                var wallet = LedgerAccounts.Wallet(c.UserId);
                var paid = await ports.Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Kind = LedgerEntryKind.Consultation, Take = 1 });
                var refundEntries = await ports.Ledger.QueryEntriesAsync(new LedgerQuery { AccountId = wallet, Kind = LedgerEntryKind.Refund, Take = 1 });
                reversed += (int)refundEntries.Total - (c.FirstMinute == FirstMinuteOutcome.Refunded ? 1 : 0);
                var split = MinuteSplit.Of(c.RatePerMinute, c.CommissionBasisPoints);
                var refundedMinutes = c.FirstMinute == FirstMinuteOutcome.Refunded ? 1 : 0;
                var balance = (await ports.Ledger.GetBalanceAsync(wallet)).Balance;
                var earned = (await ports.Ledger.GetBalanceAsync(LedgerAccounts.Earnings(c.AstrologerId))).Balance;
                if (paid.Total - refundEntries.Total != c.BilledMinutes - refundedMinutes || c.Charged != split.Rate * c.BilledMinutes
                    || balance != Funding - c.Charged + c.Refunded
                    || balance != Funding - (split.Rate * (c.BilledMinutes - refundedMinutes))
                    || earned != split.Earning * (c.BilledMinutes - refundedMinutes))
                {
                    problems.Add($"{c.Id}: wallet entries {paid.Total} (refunds {refundEntries.Total}), charged {c.Charged}, wallet {balance}, earnings {earned} for {c.BilledMinutes} minutes at {c.RatePerMinute} ({refundedMinutes} refunded)");
                }

                if (!byId.ContainsKey(c.Id))
                {
                    problems.Add($"{c.Id}: not requested by the driver");
                }

                minutes += c.BilledMinutes - refundedMinutes;
                earnings += split.Earning * (c.BilledMinutes - refundedMinutes);
                commission += split.Commission * (c.BilledMinutes - refundedMinutes);
            }

            var platformCommission = (await ports.Ledger.GetBalanceAsync(LedgerAccounts.PlatformCommission)).Balance;
            if (platformCommission != commission)
            {
                problems.Add($"platform commission {platformCommission}, expected {commission}");
            }

            var discrepancies = await ports.Ledger.VerifyBalancesAsync();
            problems.AddRange(discrepancies.Select(d => $"ledger check: {d.AccountId} stored {d.StoredBalance}, entries {d.EntrySum}"));

            var refunds = consultations.Count(c => c.FirstMinute == FirstMinuteOutcome.Refunded);
            Console.WriteLine();
            Console.WriteLine($"Consultations: {consultations.Count(c => c.AcceptedAt is not null)} started, {consultations.Count(c => c.State == ConsultationState.Ended)} ended, {refunds} first minutes refunded, {reversed} minutes posted after the end reversed.");
            Console.WriteLine($"Minutes billed (paid, not refunded): {minutes}; earnings {earnings} paise, commission {commission} paise (ledger: {platformCommission}).");
            Console.WriteLine($"Billed exactly once: {(problems.Count == 0 ? "yes, every consultation's minutes 1..n posted once, n = minutes started, sums agree, ledger check clean" : $"NO, {problems.Count} problem(s)")}");
            foreach (var problem in problems.Take(10))
            {
                Console.WriteLine("  " + problem);
            }

            Print("tick drift, minutes 2..n (billing loop), ms", loopDrift, goalP99: 250);
            Print("minute 1 (billed in the accept request), ms after acceptance", firstMinuteDrift);
            if (options.Timeline && timeline.Count > 0)
            {
                var start = timeline.Min(t => t.Due);
                Console.WriteLine("drift by second of the measured load (minutes due in that second: count, p50, max ms):");
                foreach (var second in timeline.GroupBy(t => (int)(t.Due - start).TotalSeconds).OrderBy(g => g.Key))
                {
                    var drifts = second.Select(t => t.Drift).Order().ToList();
                    Console.WriteLine(FormattableString.Invariant($"  {second.Key,4} s: {drifts.Count,4}  {drifts[drifts.Count / 2],6:F0}  {drifts[^1],6:F0}"));
                }
            }

            foreach (var what in new[] { "sign-in", "online", "request", "accept", "message", "end", "heartbeat" })
            {
                if (_latencies.TryGetValue(what, out var bag))
                {
                    Print($"API {what}, ms", [.. bag]);
                }
            }

            if (_delivery is not null)
            {
                Print($"chat delivery between two circuits ({_browserPairs.Count} browser pairs, Enter in one page → text in the other), ms", [.. _delivery.Select(d => d.Milliseconds)], goalP99: 100);
                if (options.Timeline && _sampler is not null)
                {
                    PrintSlowDeliveries(_delivery, _sampler);
                }
            }

            foreach (var (what, count) in _failures.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"Failed requests: {what} × {count}");
            }

            return problems.Count == 0 && _failures.IsEmpty;
        }

        // What the process was doing while each slow message was on its way, beside the same figures for the fast ones.
        private static void PrintSlowDeliveries(IReadOnlyList<Delivery> deliveries, RuntimeSampler sampler)
        {
            string Describe(Delivery d)
            {
                var samples = sampler.Between(d.SentUnixMs, d.SentUnixMs + (long)Math.Ceiling(d.Milliseconds));
                if (samples.Count < 2)
                {
                    return "no samples";
                }

                var gap = samples.Zip(samples.Skip(1), (a, b) => b.UnixMs - a.UnixMs).Max();
                var span = samples[^1].UnixMs - samples[0].UnixMs;
                return FormattableString.Invariant(
                    $"pending max {samples.Max(s => s.Pending),4}, threads {samples.Max(s => s.Threads),3}, GC paused {samples[^1].PausedMs - samples[0].PausedMs,5:F1} ms (gen0 {samples[^1].Gen0 - samples[0].Gen0}, gen1 {samples[^1].Gen1 - samples[0].Gen1}, gen2 {samples[^1].Gen2 - samples[0].Gen2}), sampler gap max {gap,3} ms, process CPU {(samples[^1].CpuMs - samples[0].CpuMs) / Math.Max(1, span):P0} of a core");
            }

            void List(string title, IEnumerable<Delivery> these)
            {
                Console.WriteLine(title);
                foreach (var d in these.OrderBy(d => d.SentUnixMs))
                {
                    Console.WriteLine(FormattableString.Invariant($"  {DateTimeOffset.FromUnixTimeMilliseconds(d.SentUnixMs):HH:mm:ss.fff} {d.Milliseconds,5:F0} ms: {Describe(d)}"));
                }
            }

            List("slow chat deliveries (> 100 ms) and what the process did meanwhile:", deliveries.Where(d => d.Milliseconds > 100));
            List("every eighth fast one (< 50 ms), for comparison:", deliveries.Where(d => d.Milliseconds < 50).OrderBy(d => d.SentUnixMs).Where((_, i) => i % 8 == 0));
        }

        private static void Print(string what, List<double> values, double? goalP99 = null)
        {
            if (values.Count == 0)
            {
                Console.WriteLine($"{what}: none");
                return;
            }

            values.Sort();
            double P(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: n={values.Count}, min={values[0]:F1}, p50={P(0.50):F1}, p95={P(0.95):F1}, p99={P(0.99):F1}, max={values[^1]:F1}{(goalP99 is { } goal ? $"  (goal p99 ≤ {goal} ms: {(P(0.99) <= goal ? "met" : "NOT met")})" : "")}"));
        }
    }
}
