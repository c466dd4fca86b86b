namespace IdentityHub.Server.Members.Registration;

/// <summary>What became of a membership proof on the first registration page.</summary>
public abstract record ProofOutcome
{
    private ProofOutcome()
    {
    }

    /// <summary>A covered member without an account: the registration goes on with this state.</summary>
    public sealed record Proved(RegistrationState State) : ProofOutcome;

    /// <summary>A covered member who already has an account: its email was told; the page names neither.</summary>
    public sealed record AlreadyRegistered(string Reference) : ProofOutcome;

    /// <summary>Any mismatch at all: one answer, so nobody learns which detail was wrong.</summary>
    public sealed record NotMatched(string Reference) : ProofOutcome;

    /// <summary>The roster could not be asked: try again in a few minutes (not counted as a try).</summary>
    public sealed record Unavailable(string Reference) : ProofOutcome;

    /// <summary>Too many proofs from this network or for this member id: wait.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : ProofOutcome;
}
