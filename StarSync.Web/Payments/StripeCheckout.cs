using Stripe;
using Stripe.Checkout;
using StarSync.Engine.Payments;

namespace StarSync.Web.Payments;

/// <summary>
/// Stripe Checkout through Stripe.net: the amount comes from the stored top-up (never from the browser), the top-up id
/// is the client reference, the metadata and the idempotency key. Requests carry Stripe.net's pinned API version.
/// </summary>
public sealed class StripeCheckout : ICheckoutGateway, IDisposable
{
    /// <summary>The metadata key that carries our top-up id on sessions and payments.</summary>
    public const string TopUpIdKey = "topUpId";

    private readonly SessionService _sessions;
    private readonly HttpClient _http;

    public StripeCheckout(PaymentsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // One long-lived client for the process; pooled connections are renewed so DNS changes are picked up.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(80) };
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.StripeSecretKey,
            ApiBase = settings.StripeApiBase?.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(_http, settings.StripeMaxNetworkRetries),
        });
        _sessions = new SessionService(client);
    }

    public string Provider => "stripe";

    public void Dispose() => _http.Dispose();

    public async Task<CreatedCheckout> CreateSessionAsync(TopUp topUp, CheckoutReturn returnTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        ArgumentNullException.ThrowIfNull(returnTo);
        var currency = topUp.Currency.ToLowerInvariant();
        var lines = new List<SessionLineItemOptions>
        {
            Line("StarSync wallet top-up", topUp.CreditAmount, currency),
        };
        if (topUp.TaxAmount > 0)
        {
            lines.Add(Line("GST", topUp.TaxAmount, currency));
        }

        var metadata = new Dictionary<string, string> { [TopUpIdKey] = topUp.Id };
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = topUp.Id,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            LineItems = lines,
            SuccessUrl = returnTo.Success.ToString(),
            CancelUrl = returnTo.Cancel.ToString(),
        };
        try
        {
            var session = await _sessions.CreateAsync(options, new RequestOptions { IdempotencyKey = topUp.Id }, cancellationToken);
            return new CreatedCheckout(session.Id, session.Url);
        }
        catch (StripeException e)
        {
            throw new CheckoutGatewayException($"Stripe refused the checkout session: {e.StripeError?.Message ?? e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new CheckoutGatewayException("Stripe could not be reached.", e);
        }
    }

    public async Task<CheckoutSessionFacts?> GetSessionAsync(TopUp topUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        if (topUp.CheckoutSessionId is null)
        {
            return null;
        }

        try
        {
            return Facts(await _sessions.GetAsync(topUp.CheckoutSessionId, cancellationToken: cancellationToken));
        }
        catch (StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (StripeException e)
        {
            throw new CheckoutGatewayException($"Stripe could not describe session {topUp.CheckoutSessionId}: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new CheckoutGatewayException("Stripe could not be reached.", e);
        }
    }

    public async Task<bool> ExpireSessionAsync(TopUp topUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topUp);
        if (topUp.CheckoutSessionId is null)
        {
            return true;
        }

        try
        {
            var session = await _sessions.ExpireAsync(topUp.CheckoutSessionId, cancellationToken: cancellationToken);
            return session.Status == "expired";
        }
        catch (StripeException)
        {
            // Stripe refuses to expire a session that is complete (paid): the payment wins over the cancel.
            return false;
        }
        catch (HttpRequestException e)
        {
            throw new CheckoutGatewayException("Stripe could not be reached.", e);
        }
    }

    /// <summary>What we act on from a Stripe session (from the API or a webhook's event object).</summary>
    public static CheckoutSessionFacts Facts(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        string? topUpId = null;
        session.Metadata?.TryGetValue(TopUpIdKey, out topUpId);
        return new CheckoutSessionFacts(
            session.Id, topUpId ?? session.ClientReferenceId, session.Status ?? "", session.PaymentStatus ?? "", session.AmountTotal, session.Currency, session.PaymentIntentId);
    }

    private static SessionLineItemOptions Line(string name, long amount, string currency) => new()
    {
        Quantity = 1,
        PriceData = new SessionLineItemPriceDataOptions { Currency = currency, UnitAmount = amount, ProductData = new SessionLineItemPriceDataProductDataOptions { Name = name } },
    };
}
