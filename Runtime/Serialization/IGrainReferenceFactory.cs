namespace AgentRL.Runtime.Serialization;

/// <summary>Creates grain references bound to the runtime that is reading a message (silo or client).</summary>
public interface IGrainReferenceFactory
{
    TGrainInterface GetGrainReference<TGrainInterface>(string key) where TGrainInterface : IGrain;
}
