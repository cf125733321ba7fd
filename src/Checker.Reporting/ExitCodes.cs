namespace Checker.Reporting;

/// <summary>What the process exit code means, for CI pipelines.</summary>
public static class ExitCodes
{
    /// <summary>Nothing failed at or above --fail-on, and every page was audited.</summary>
    public const int Success = 0;
    /// <summary>At least one finding failed at or above --fail-on.</summary>
    public const int FindingsFailed = 1;
    /// <summary>Bad usage or configuration: nothing was audited.</summary>
    public const int UsageError = 2;
    /// <summary>No failing finding, but some page could not be audited.</summary>
    public const int PagesNotAudited = 3;
    /// <summary>The run reached --run-timeout: the pages done are reported, the rest are not (--resume continues).</summary>
    public const int RunTimedOut = 4;
    /// <summary>The run was interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
