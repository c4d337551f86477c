using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Networking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>Joins a silo to a cluster through a membership table; without one a silo runs alone.</summary>
public static class ClusteringExtensions
{
    /// <summary>Membership in a SQLite file shared by silo processes on one host, bound from "AgentRL:Clustering:Sqlite".</summary>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, Action<SqliteMembershipTableOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SqliteMembershipTableOptions>().Bind(builder.Configuration.GetSection("AgentRL:Clustering:Sqlite"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.UseClustering(sp => new SqliteMembershipTable(sp.GetRequiredService<IOptions<SqliteMembershipTableOptions>>().Value));
    }

    /// <summary>Membership in PostgreSQL, for silos on several hosts, bound from "AgentRL:Clustering:Postgres".</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<PostgresMembershipTableOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<PostgresMembershipTableOptions>().Bind(builder.Configuration.GetSection("AgentRL:Clustering:Postgres"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.UseClustering(sp => new PostgresMembershipTable(sp.GetRequiredService<IOptions<PostgresMembershipTableOptions>>().Value));
    }

    /// <summary>Membership in memory shared by silos in this process (a TestCluster).</summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, InMemoryMembershipTable table) => builder.UseClustering(_ => table);

    /// <summary>Membership in a table of your own.</summary>
    public static ISiloBuilder UseClustering(this ISiloBuilder builder, Func<IServiceProvider, IMembershipTable> table)
    {
        var services = builder.Services;
        if (services.Any(s => s.ServiceType == typeof(MembershipService)))
        {
            throw new InvalidOperationException("A silo has one membership table: clustering is configured twice.");
        }

        services.AddOptions<MembershipOptions>().BindConfiguration(MembershipOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, OptionsValidators>());
        services.AddSingleton(table);
        services.TryAddSingleton<ISiloProber, PingProber>();
        services.AddSingleton(sp => new MembershipAgent(sp.GetRequiredService<IMembershipTable>(), sp.GetRequiredService<ISiloProber>(),
            sp.GetRequiredService<IOptions<MembershipOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MembershipAgent>>()));
        // The silo host drives it: join after the gateway listens, leave only after the activations handed off.
        services.AddSingleton<MembershipService>();
        return builder;
    }
}
