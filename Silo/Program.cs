using AgentRL.Environments.Hosting;
using AgentRL.Grains.Demo;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Hosting;

// A silo process: SQLite storage in a data folder, a gateway on loopback (configurable, e.g.
// --AgentRL:Gateway:Port=30001 --AgentRL:Storage:Default:DatabasePath=data/other.db), every grain in Grains/, the
// built-in environments, and plug-in environments from --AgentRL:Environments:PluginFolder=<folder>.
// Settings ship beside the binary; relative data paths resolve against the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseAgentSilo(silo => silo
    .AddGrainAssembly(typeof(TallyGrain).Assembly)
    .AddSqliteGrainStorage()
    .AddBuiltInEnvironments()
    .AddEnvironmentPlugins());
await builder.Build().RunAsync();
