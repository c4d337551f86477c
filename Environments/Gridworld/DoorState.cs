namespace AgentRL.Environments.Gridworld;

public enum DoorState : byte
{
    Open = 0,
    Closed = 1,
    Locked = 2,
}
