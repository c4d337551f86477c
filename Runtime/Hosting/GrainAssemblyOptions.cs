using System.Reflection;

namespace AgentRL.Runtime.Hosting;

/// <summary>Assemblies added explicitly with <c>AddGrainAssembly</c>.</summary>
internal sealed class GrainAssemblyOptions
{
    public List<Assembly> Assemblies { get; } = [];
}
