using System.Net;
using AgentRL.Runtime.Activation;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>
/// Starts and stops a silo with its host. Start: register grain assemblies, open the gateway, join the cluster (when
/// clustered), start idle collection. Stop (graceful): tell the cluster this silo is shutting down, stop accepting
/// connections, let running turns finish and every activation run OnDeactivateAsync (in a cluster each leaves the
/// directory and requests queued on it go to wherever the grain is placed next), leave the cluster, then close
/// connections.
/// </summary>
internal sealed partial class SiloHost(
    Catalog catalog,
    GrainCallRouter router,
    IEnumerable<MembershipService> membership,
    GatewayListener gateway,
    ActivationCollector collector,
    CallTimeouts timeouts,
    GrainAssemblies assemblies,
    IOptions<SiloOptions> siloOptions,
    IOptions<GatewayOptions> gatewayOptions,
    ILogger<SiloHost> logger) : IHostedService, ISiloStatus
{
    public IPEndPoint? GatewayEndPoint => gateway.EndPoint;

    public int ActivationCount => catalog.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        GrainTypeRegistry.LoadFrom(assemblies.Roots);
        LogStarting(logger, siloOptions.Value.SiloName, GrainTypeRegistry.Classes.Count);
        if (gatewayOptions.Value.Enabled)
        {
            await gateway.StartAsync(cancellationToken);
        }

        foreach (var service in membership)
        {
            await service.StartAsync(gateway.EndPoint, cancellationToken);
        }

        collector.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger, siloOptions.Value.SiloName);
        router.Cluster?.BeginShutdown();
        foreach (var service in membership)
        {
            await service.BeginLeavingAsync(cancellationToken);
        }

        collector.Dispose();
        await gateway.StopAcceptingAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(siloOptions.Value.ShutdownTimeout);
        await catalog.DeactivateAllAsync(deadline.Token);
        foreach (var service in membership)
        {
            await service.StopAsync(cancellationToken);
        }

        await gateway.CloseConnectionsAsync(deadline.Token);
        if (router.Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }

        timeouts.Dispose();
        LogStopped(logger, siloOptions.Value.SiloName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} starting with {GrainClasses} grain classes")]
    private static partial void LogStarting(ILogger logger, string silo, int grainClasses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopping")]
    private static partial void LogStopping(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopped")]
    private static partial void LogStopped(ILogger logger, string silo);
}
