using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stripe;

namespace StarSync.Web.Tests.Payments;

/// <summary>Stripe event payloads and their signatures, made here the way Stripe makes them.</summary>
public static class StripeEvents
{
    public const string Secret = "whsec_test_0123456789abcdef";

    /// <summary>The <c>Stripe-Signature</c> header: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.payload"&gt;</c>.</summary>
    public static string Sign(string payload, DateTimeOffset at, string secret = Secret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + payload));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string Event(string type, JsonObject dataObject, string? eventId = null, string? apiVersion = null) => new JsonObject
    {
        ["id"] = eventId ?? NewEventId(),
        ["object"] = "event",
        ["api_version"] = apiVersion ?? StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    public static string NewEventId() => "evt_test_" + Guid.NewGuid().ToString("N")[..16];

    public static JsonObject Session(string sessionId, string? topUpId, long amountTotal, string paymentStatus = "paid", string status = "complete", string? paymentIntent = null) => new()
    {
        ["id"] = sessionId,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["status"] = status,
        ["payment_status"] = paymentStatus,
        ["amount_total"] = amountTotal,
        ["currency"] = "inr",
        ["client_reference_id"] = topUpId,
        ["metadata"] = topUpId is null ? new JsonObject() : new JsonObject { ["topUpId"] = topUpId },
        ["payment_intent"] = paymentIntent ?? (paymentStatus == "paid" ? "pi_" + sessionId : null),
    };

    public static JsonObject Charge(string chargeId, string paymentIntent, long amount, long amountRefunded) => new()
    {
        ["id"] = chargeId,
        ["object"] = "charge",
        ["amount"] = amount,
        ["amount_refunded"] = amountRefunded,
        ["currency"] = "inr",
        ["payment_intent"] = paymentIntent,
        ["refunded"] = amountRefunded == amount,
        ["status"] = "succeeded",
    };

    public static JsonObject Dispute(string disputeId, string chargeId, string paymentIntent, long amount) => new()
    {
        ["id"] = disputeId,
        ["object"] = "dispute",
        ["amount"] = amount,
        ["charge"] = chargeId,
        ["currency"] = "inr",
        ["payment_intent"] = paymentIntent,
        ["status"] = "needs_response",
    };
}
