using StarSync.Web.Wallet;

namespace StarSync.Web.Payments;

/// <summary>Registers payments: settings (checked now), terms, the gateway of the chosen mode, fulfilment, reconciliation.</summary>
public static class PaymentsSetup
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when the payment settings are refused (see <see cref="PaymentsSettings.From"/>).</summary>
    public static PaymentsSettings AddStarSyncPayments(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = PaymentsSettings.From(configuration, environment.EnvironmentName);
        services.AddSingleton(settings);
        services.AddSingleton<TopUpTerms>();
        services.AddSingleton<TopUpFulfilment>();
        if (settings.Mode == PaymentsMode.Stripe)
        {
            services.AddSingleton<StripeCheckout>();
            services.AddSingleton<ICheckoutGateway>(sp => sp.GetRequiredService<StripeCheckout>());
        }
        else if (settings.Mode == PaymentsMode.Sandbox)
        {
            services.AddSingleton<SandboxCheckout>();
            services.AddSingleton<ICheckoutGateway>(sp => sp.GetRequiredService<SandboxCheckout>());
        }
        else
        {
            services.AddSingleton<ICheckoutGateway, NoCheckout>();
        }

        services.AddSingleton<WalletService>();
        services.AddSingleton<TopUpReconciliation>();
        services.AddHostedService(sp => sp.GetRequiredService<TopUpReconciliation>());
        return settings;
    }
}
