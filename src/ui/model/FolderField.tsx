import { useRef, useState } from 'react';
import { dtypesInFileList } from '../../engine/local/dtypes';
import { preferredDtype } from '../store/model-slice';
import { useStore } from '../store/store';
import { filesFromDrop, filesFromInput, openedFolderOf, type PathedFile } from './folder-files';

/**
 * Opens a converted model folder from disk, with the directory picker or by dropping it here: the files
 * stay in the browser (nothing is uploaded) and the engine reads them directly.
 */
export function FolderField() {
  const folder = useStore((s) => s.openedFolder);
  const [message, setMessage] = useState('');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const open = (files: PathedFile[]) => {
    const opened = openedFolderOf(files);
    if (typeof opened === 'string') {
      setMessage(opened);
      return;
    }
    setMessage('');
    const s = useStore.getState();
    s.setOpenedFolder(opened);
    // The file list says which dtypes the folder ships: offer only those, and switch off one it lacks.
    const dtypes = dtypesInFileList(Object.keys(opened.files));
    s.setDtypeOptions({ key: JSON.stringify(['folder', opened.fingerprint]), dtypes });
    const replacement = preferredDtype(dtypes, s.settings.dtype);
    if (replacement) s.setSettings({ dtype: replacement });
  };

  return (
    <div
      className={`folder-drop${over ? ' over' : ''}`}
      data-testid="folder-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        filesFromDrop(e.dataTransfer.items).then(open, (err: unknown) =>
          setMessage(
            `Could not read the dropped folder: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
      }}
    >
      <button type="button" onClick={() => input.current?.click()}>
        Open model folder…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        aria-label="Model folder"
        data-testid="folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          if (e.target.files) open(filesFromInput(e.target.files));
          e.target.value = '';
        }}
      />
      <p className="hint" data-testid="opened-folder">
        {folder
          ? `Opened ${folder.name}: ${Object.keys(folder.files).length} files, read in this browser (nothing is uploaded).`
          : 'Or drop a folder here: one that reward-playground convert wrote (config.json, tokenizer.json, onnx/).'}
      </p>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
