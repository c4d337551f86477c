using AgentRL.Environments.Hosting;
using AgentRL.Grains.Demo;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// A silo process: SQLite storage in a data folder, a gateway on loopback (configurable, e.g.
// --AgentRL:Gateway:Port=30001 --AgentRL:Storage:Default:DatabasePath=data/other.db), every grain in Grains/, the
// built-in environments, and plug-in environments from --AgentRL:Environments:PluginFolder=<folder>. It joins a cluster
// when a membership table is configured: --AgentRL:Clustering:Sqlite:DatabasePath=data/cluster.db (silos on one host)
// or --AgentRL:Clustering:Postgres:ConnectionString="Host=...;Database=..." (silos on several hosts).
// Settings ship beside the binary; relative data paths resolve against the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseAgentSilo(silo =>
{
    silo.AddGrainAssembly(typeof(TallyGrain).Assembly)
        .AddSqliteGrainStorage()
        .AddBuiltInEnvironments()
        .AddEnvironmentPlugins();
    if (builder.Configuration["AgentRL:Clustering:Postgres:ConnectionString"] is { Length: > 0 })
    {
        silo.UsePostgresClustering();
    }
    else if (builder.Configuration["AgentRL:Clustering:Sqlite:DatabasePath"] is { Length: > 0 })
    {
        silo.UseSqliteClustering();
    }
});
await builder.Build().RunAsync();
