using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace StarSync.Bench;

/// <summary>One user and one astrologer who are signed in only through browsers (never through the API, which would end
/// the browser's session: one account, one device).</summary>
public sealed record BrowserPair(string UserEmail, string AstrologerEmail, string AstrologerId, string Password);

/// <summary>One message's delivery: when it was sent (Unix ms, the sender page's clock) and how long it took (ms).</summary>
public readonly record struct Delivery(long SentUnixMs, double Milliseconds);


/// <summary>
/// Chat delivery between two live Blazor circuits, measured in real browsers: for each pair, a user's and an
/// astrologer's browser context (Debian chromium) sign in through the login form, start a consultation, open the room,
/// and send messages to each other. The delay of one message is the time from the sender's submit (read in the
/// sender's page) to the moment the text is in the receiver's page (a MutationObserver there); both pages run in one
/// browser on one machine, so their clocks are the same clock.
/// </summary>
/// <remarks>
/// In three steps, so a load driver can measure delivery under its load and nothing else: <see cref="StartAsync"/>
/// (launch, sign in, open the rooms — page loads are not what is measured, and on a small machine they would compete
/// with the load), <see cref="ChatAsync"/> while the load runs, and <see cref="EndAsync"/>.
/// The composer is driven by a script in the page (the text and its input event, then the form's submit, as Enter
/// does) and the receiver's observer answers when the text arrives: Playwright's own typing and polling (actionability
/// checks that wait for animation frames, a poll every 50 ms) cost chromium ~0.2 s of CPU per message, which on a small
/// machine is taken from the app being measured.
/// </remarks>
public sealed class ChatDeliveryProbe : IAsyncDisposable
{
    // Installed in every page before any script of the app: the time each message text first appears, a way to wait
    // for one, and the composer's send.
    private const string Instruments = """
        window.__seen = {};
        window.__waiting = {};
        new MutationObserver(() => {
          for (const node of document.querySelectorAll('[data-testid="message-text"]')) {
            const text = node.textContent;
            if (!(text in window.__seen)) {
              window.__seen[text] = Date.now();
              const resolve = window.__waiting[text];
              if (resolve) { delete window.__waiting[text]; resolve(window.__seen[text]); }
            }
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
        // Answers when the text is on the page: resolved by the observer above, so nothing polls.
        window.__whenSeen = text => text in window.__seen
          ? Promise.resolve(window.__seen[text])
          : new Promise(resolve => { window.__waiting[text] = resolve; });
        // What a person does in the composer: the text goes in (an input event, as typing ends with), then Enter
        // submits the form. Answers the instant of the submit.
        window.__send = text => {
          const input = document.querySelector("input[data-testid='message-input'], [data-testid='message-input'] input");
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const at = Date.now();
          input.form.requestSubmit();
          return at;
        };
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<(IPage User, IPage Astrologer, string ConsultationId)> _rooms = [];

    // The script that starts chromium at a lower priority, if one was written.
    private readonly string? _launcher;

    private ChatDeliveryProbe(IPlaywright playwright, IBrowser browser, string? launcher)
    {
        _playwright = playwright;
        _browser = browser;
        _launcher = launcher;
    }


    // A shell script that starts chromium under nice; its children (the page processes) inherit the priority. None
    // at the default priority.
    private static string? LowPriorityLauncher(string chromium, int niceness)
    {
        if (!OperatingSystem.IsLinux() || niceness == 0)
        {
            return null;
        }

        var script = Path.Combine(Path.GetTempPath(), $"starsync-probe-chromium-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, $"#!/bin/sh\nexec nice -n {niceness} '{chromium.Replace("'", "'\\''", StringComparison.Ordinal)}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>The consultation of each pair, in the order of the pairs.</summary>
    public IReadOnlyList<string> ConsultationIds => _rooms.ConvertAll(r => r.ConsultationId);

    /// <summary>Launches chromium, signs every pair in through the login form, starts their consultations and opens both rooms.</summary>
    public static async Task<ChatDeliveryProbe> StartAsync(Uri baseAddress, IReadOnlyList<BrowserPair> pairs, int niceness)
    {
        var playwright = await Playwright.CreateAsync();
        var arguments = new List<string>
        {
            // Keep chromium off the network: it otherwise keeps resolving update hosts on a closed machine.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--disable-background-networking",
            "--disable-component-update",
        };
        if (Environment.UserName == "root")
        {
            arguments.Add("--no-sandbox");
        }

        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        // Optionally at a low priority (the users' devices are not the server's; see ConsultationLoadOptions.BrowserNiceness).
        var launcher = LowPriorityLauncher(chromium, niceness);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = launcher ?? chromium,
            Headless = true,
            Args = arguments,
        });
        var probe = new ChatDeliveryProbe(playwright, browser, launcher);
        try
        {
            foreach (var room in await Task.WhenAll(pairs.Select(pair => OpenRoomAsync(browser, baseAddress, pair))))
            {
                probe._rooms.Add(room);
            }

            // One message each way in every room, not counted: the first message through a circuit after the app
            // started compiles its whole path (the room's handlers, the message list's components), a one-off cost of
            // a new process rather than the delivery under load this probe measures.
            _ = await probe.ChatAsync(messages: 2, TimeSpan.Zero, CancellationToken.None);
        }
        catch
        {
            await probe.DisposeAsync();
            throw;
        }

        return probe;
    }

    /// <summary>
    /// Every pair sends up to <paramref name="messages"/> messages (alternating sides, one at a time, a gap between
    /// them; pair i starts i/pairs of a gap after the first) until <paramref name="cancellationToken"/> is cancelled; answers the delivery delays (ms).
    /// </summary>
    public async Task<IReadOnlyList<Delivery>> ChatAsync(int messages, TimeSpan gap, CancellationToken cancellationToken)
    {
        var delays = new ConcurrentBag<Delivery>();
        await Task.WhenAll(_rooms.Select((room, index) => ChatAsync(room.User, room.Astrologer, index, gap * index / _rooms.Count, messages, gap, delays, cancellationToken)));
        return [.. delays];
    }

    /// <summary>Ends every pair's consultation (the user ends it) and closes the browser contexts.</summary>
    public async Task EndAsync()
    {
        foreach (var (user, astrologer, id) in _rooms)
        {
            await CallAsync(user, "POST", $"/api/v1/consultations/{id}/end", null);
            await user.Context.CloseAsync();
            await astrologer.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        if (_launcher is not null)
        {
            File.Delete(_launcher);
        }
    }

    private static async Task<(IPage User, IPage Astrologer, string ConsultationId)> OpenRoomAsync(IBrowser browser, Uri baseAddress, BrowserPair pair)
    {
        var user = await OpenAsync(browser, baseAddress, pair.UserEmail, pair.Password, "/wallet");
        var astrologer = await OpenAsync(browser, baseAddress, pair.AstrologerEmail, pair.Password, "/astrologer");
        // The astrologer goes online with a live circuit (the overview page), then the user asks and the astrologer
        // accepts, each with their own browser session (cookie) against the API.
        await CallAsync(astrologer, "PUT", "/api/v1/astrologer/status", new { status = "online" });
        var requested = await CallAsync(user, "POST", "/api/v1/consultations", new { astrologerId = pair.AstrologerId });
        var id = requested.GetProperty("id").GetString()!;
        await CallAsync(astrologer, "POST", $"/api/v1/consultations/{id}/accept", null);
        await Task.WhenAll(EnterRoomAsync(user, $"/consultations/{id}"), EnterRoomAsync(astrologer, $"/astrologer/consultations/{id}"));
        return (user, astrologer, id);
    }

    private static async Task ChatAsync(IPage user, IPage astrologer, int index, TimeSpan offset, int messages, TimeSpan gap, ConcurrentBag<Delivery> delays, CancellationToken cancellationToken)
    {
        // The pairs take turns: pair i starts i/pairs of a gap after the first, as independent people would, rather than
        // all sending in the same instant and each measuring the others' messages too.
        try
        {
            await Task.Delay(offset, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        for (var n = 0; n < messages && !cancellationToken.IsCancellationRequested; n++)
        {
            var (from, to) = n % 2 == 0 ? (user, astrologer) : (astrologer, user);
            var text = $"probe {index}-{n} {Guid.NewGuid():N}";
            // Started before the send, so the receiver is listening when the message arrives.
            var seen = to.EvaluateAsync<double>("t => window.__whenSeen(t)", text);
            var sent = await from.EvaluateAsync<double>("t => window.__send(t)", text);
            if (await Task.WhenAny(seen, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None)) != seen)
            {
                throw new TimeoutException($"Message {text} did not arrive within 30 s.");
            }

            delays.Add(new Delivery((long)sent, await seen - sent));

            try
            {
                await Task.Delay(gap, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri baseAddress, string email, string password, string returnUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(120_000);
        await context.AddInitScriptAsync(Instruments);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(returnUrl, StringComparison.Ordinal));
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task EnterRoomAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByTestId("room-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await MessageInput(page).WaitForAsync();
    }

    // The composer's text field (MudBlazor puts the test id on the input itself).
    private static ILocator MessageInput(IPage page) => page.Locator("input[data-testid='message-input'], [data-testid='message-input'] input");

    // The API through the page's own cookie session, as the app's own pages would call it.
    private static async Task<JsonElement> CallAsync(IPage page, string method, string path, object? body)
    {
        var answer = await page.EvaluateAsync<JsonElement>(
            """
            async ([method, path, body]) => {
              const response = await fetch(path, { method, headers: body === null ? {} : { 'content-type': 'application/json' }, body: body === null ? undefined : JSON.stringify(body) });
              return { status: response.status, body: await response.text() };
            }
            """,
            new object?[] { method, path, body });
        var status = answer.GetProperty("status").GetInt32();
        var text = answer.GetProperty("body").GetString() ?? "";
        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"{method} {path} answered {status}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
