using System.Runtime.CompilerServices;
using AgentRL.Environments.Hosting;
using AgentRL.Grains.Training;
using AgentRL.Runtime;
using AgentRL.Runtime.Hosting;
using AgentRL.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRL.Client;

/// <summary>
/// The front door for applications and the <c>agentrl</c> tool: either an embedded silo in this process (the default,
/// with SQLite storage) or a connection to a running cluster. Either way, <see cref="Grains"/> calls grains.
/// </summary>
public sealed class AgentClient : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentClient(IHost host, string description)
    {
        _host = host;
        Description = description;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where the grains run, for display.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts an in-process silo with SQLite storage under <see cref="EmbeddedSiloOptions.DataDirectory"/> and the
    /// built-in environments (plus plug-ins, if a folder is given); with <see cref="EmbeddedSiloOptions.ClusterDatabase"/>
    /// it joins that cluster (keeping grain state in PostgreSQL when the cluster's database is one).
    /// </summary>
    public static async Task<AgentClient> StartEmbeddedAsync(EmbeddedSiloOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmbeddedSiloOptions();
        if (options.ClusterDatabase is not null && options.GatewayPort is null)
        {
            throw new ArgumentException("A silo that joins a cluster needs a gateway port: the silos call each other there.", nameof(options));
        }

        var database = Path.Combine(options.DataDirectory, "agentrl.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff ")).SetMinimumLevel(options.LogLevel);
        builder.UseAgentSilo(silo =>
        {
            if (options.UsesPostgres)
            {
                silo.AddPostgresGrainStorage(configure: o => o.ConnectionString = options.ClusterDatabase!);
                silo.UsePostgresClustering(o => (o.ConnectionString, o.ClusterId) = (options.ClusterDatabase!, options.ClusterId));
            }
            else
            {
                silo.AddSqliteGrainStorage(configure: o => o.DatabasePath = database);
                if (options.ClusterDatabase is { } file)
                {
                    silo.UseSqliteClustering(o => (o.DatabasePath, o.ClusterId) = (file, options.ClusterId));
                }
            }

            silo.AddBuiltInEnvironments().AddEnvironmentPlugins(options.EnvironmentPluginFolder);
            silo.AddTraining(o => (o.RunsDirectory, o.Device) = (Path.Combine(options.DataDirectory, "runs"), options.Device));
            silo.ConfigureGateway(g =>
            {
                g.Enabled = options.GatewayPort is not null;
                g.Port = options.GatewayPort ?? 0;
                g.ListenAddress = options.ListenAddress;
            });
            silo.Configure<SiloOptions>(o =>
            {
                o.Roles.AddRange(options.Roles);
                o.SiloName = options.SiloName ?? o.SiloName;
            });
            silo.Configure<MembershipOptions>(o => o.AdvertisedAddress = options.AdvertisedAddress ?? o.AdvertisedAddress);
            foreach (var assembly in options.GrainAssemblies)
            {
                silo.AddGrainAssembly(assembly);
            }
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var gateway = options.GatewayPort is null ? "" : $", gateway on {host.Services.GetRequiredService<ISiloStatus>().GatewayEndPoint}";
        var storage = options.UsesPostgres ? "PostgreSQL" : $"SQLite at {Path.GetFullPath(database)}";
        var cluster = options.ClusterDatabase is null ? "" : $", cluster '{options.ClusterId}'" + (options.Roles.Count > 0 ? $" as {string.Join(", ", options.Roles)}" : "");
        return new AgentClient(host, $"{(options.ClusterDatabase is null ? "embedded silo" : "silo")} ({storage}{gateway}{cluster})");
    }

    /// <summary>Connects to a cluster through the first reachable gateway ("host:port").</summary>
    public static async Task<AgentClient> ConnectAsync(IReadOnlyList<string> gateways, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseAgentClient(o => o.Gateways = [.. gateways]);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new AgentClient(host, $"cluster via {string.Join(", ", gateways)}");
    }

    /// <summary>Creates and starts a run (or returns an existing run with the same configuration).</summary>
    public Task<RunInfo> StartRunAsync(string runId, TrainingRunConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        config.Validate();
        return Grains.GetTrainingRun(runId).Start(config).WaitAsync(cancellationToken);
    }

    /// <summary>Continues a stopped, failed or interrupted run from its last checkpoint.</summary>
    public Task<RunInfo> ResumeRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Grains.GetTrainingRun(runId).Resume().WaitAsync(cancellationToken);

    /// <summary>Asks a run to stop after its current iteration.</summary>
    public Task<RunInfo> StopRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Grains.GetTrainingRun(runId).Stop().WaitAsync(cancellationToken);

    public Task<RunInfo> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Grains.GetTrainingRun(runId).Info().WaitAsync(cancellationToken);

    /// <summary>Every finished iteration of a run, in order.</summary>
    public Task<IReadOnlyList<IterationRecord>> GetIterationsAsync(string runId, CancellationToken cancellationToken = default) =>
        Grains.GetTrainingRun(runId).Iterations().WaitAsync(cancellationToken);

    /// <summary>Every run the cluster knows, oldest first.</summary>
    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken = default)
    {
        var ids = await Grains.GetRunRegistry().RunIds().WaitAsync(cancellationToken);
        return await Task.WhenAll(ids.Select(id => GetRunAsync(id, cancellationToken)));
    }

    /// <summary>
    /// Live updates of a run until it completes or <paramref name="cancellationToken"/> fires. When the silo driving the
    /// run dies (or this client's gateway does), the run is resumed: its grain comes back on another silo from its
    /// persisted state and carries on with the interrupted iteration, whose finished episodes come back from storage.
    /// Gives up after <paramref name="recoveryTimeout"/> (default two minutes) without reaching the run.
    /// </summary>
    public async IAsyncEnumerable<RunUpdate> WatchRunAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default, TimeSpan? recoveryTimeout = null)
    {
        var run = Grains.GetTrainingRun(runId);
        var feed = (await run.Info().WaitAsync(cancellationToken)).UpdatesId;
        var next = 1L;
        var lost = (System.Diagnostics.Stopwatch?)null;
        while (true)
        {
            FeedPage<RunUpdate> page;
            try
            {
                page = await run.WatchUpdates(next, TimeSpan.FromSeconds(10), cancellationToken);
                lost = null;
            }
            catch (SiloUnavailableException) when (!cancellationToken.IsCancellationRequested)
            {
                lost ??= System.Diagnostics.Stopwatch.StartNew();
                if (lost.Elapsed > (recoveryTimeout ?? TimeSpan.FromMinutes(2)))
                {
                    throw;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                if (await TryResumeAsync(run) is { } resumed && resumed != feed)
                {
                    (feed, next) = (resumed, 1);
                }

                continue;
            }

            foreach (var update in page.Items)
            {
                yield return update;
            }

            next = page.NextSequence;
            if (page.Completed)
            {
                yield break;
            }
        }
    }

    /// <summary>Resumes a run whose driver may have been lost; returns the id of the update feed it publishes to now.</summary>
    private static async Task<string?> TryResumeAsync(ITrainingRunGrain run)
    {
        try
        {
            return (await run.Resume()).UpdatesId;
        }
        catch (SiloUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Plays episodes through episode grains with the given policy and returns their results, in order.</summary>
    public async Task<IReadOnlyList<EpisodeResult>> RunEpisodesAsync(IReadOnlyList<(string EpisodeId, EpisodeRequest Request)> episodes, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(episodes.Select(e => Grains.GetGrain<IEpisodeGrain>(e.EpisodeId).Run(e.Request).WaitAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
