import { Button } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useId, useRef } from 'react';

/**
 * "Choose file": a button that opens the picker of a hidden file input (which carries the same
 * label). The chosen file goes to `onFile` and the input is cleared, so choosing the same file
 * again is noticed.
 */
export function ChooseFileButton({
  label,
  accept,
  disabled,
  onFile,
}: {
  label: string;
  accept: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={accept}
        className="visually-hidden"
        aria-label={label}
        disabled={disabled}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
      <Button
        leftSection={<IconUpload size={16} />}
        onClick={() => inputRef.current?.click()}
        disabled={disabled}
        aria-controls={inputId}
      >
        {label}
      </Button>
    </>
  );
}
