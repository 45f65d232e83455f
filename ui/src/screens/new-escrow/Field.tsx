import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface FieldProps {
  id: string;
  label: string;
  /** Translation key of the field's problem, shown once the merchant typed in it. */
  error?: string | undefined;
  help?: ReactNode;
  children: (a11y: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled input with its help line and its validation message. */
export function Field({ id, label, error, help, children }: FieldProps) {
  const { t } = useTranslation();
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {help ? <small id={`${id}-help`}>{help}</small> : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
