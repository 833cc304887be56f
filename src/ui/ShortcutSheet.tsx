/** The keyboard shortcuts, read from the one list of actions. Lazy-loaded. */
import { ACTIONS } from './actions';
import { ModalDialog } from './panels/Dialog';

export default function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" testId="shortcut-sheet" onClose={onClose}>
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <tbody>
          {Object.values(ACTIONS).map((a) => (
            <tr key={a.id} className="border-slate-200 border-b dark:border-slate-700">
              <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                {a.label}
              </th>
              <td className="py-1.5 text-right">
                {a.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                      {k}
                    </kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-1.5 pr-4 text-left font-normal">
              Move between nodes, open one in the inspector
            </th>
            <td className="py-1.5 text-right">
              <kbd className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600">
                Tab
              </kbd>
              {' then '}
              <kbd className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600">
                Enter
              </kbd>
            </td>
          </tr>
        </tbody>
      </table>
    </ModalDialog>
  );
}
