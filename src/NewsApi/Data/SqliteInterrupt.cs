using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsApi.Data;

/// <summary>
/// Makes a cancelled request stop its SQLite statement at once. Microsoft.Data.Sqlite looks at the cancellation token
/// only between steps it starts, so one long step (a sort or a count over every row) would run to its end after the
/// client has gone; sqlite3_interrupt stops it where it is, and the statement fails with SQLITE_INTERRUPT.
/// The registration lives from execution until the reader is closed, and is removed before the connection goes back to
/// the pool, so an interrupt never reaches another request's statement.
/// </summary>
public sealed class SqliteInterrupt : DbCommandInterceptor
{
    public static readonly SqliteInterrupt Instance = new();

    private readonly ConditionalWeakTable<DbCommand, Registration> registrations = [];

    private sealed class Registration(CancellationTokenRegistration value)
    {
        public void Dispose() => value.Dispose();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Register(command, cancellationToken);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Unregister(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Unregister(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Unregister(command);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Unregister(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Unregister(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Unregister(command);
        return Task.CompletedTask;
    }

    private void Register(DbCommand command, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || command.Connection is not SqliteConnection { Handle: { } handle })
        {
            return;
        }
        Unregister(command);
        registrations.Add(command, new Registration(cancellationToken.Register(static h => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)h!), handle)));
    }

    private void Unregister(DbCommand command)
    {
        if (registrations.TryGetValue(command, out var registration))
        {
            registrations.Remove(command);
            // Waits for an interrupt already under way, so none arrives after the statement has ended.
            registration.Dispose();
        }
    }
}
