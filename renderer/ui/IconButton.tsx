/**
 * A button showing only a codicon: its accessible name is `label` (aria-label), shown as a
 * tooltip too, with the shortcut when it has one.
 */
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { buttonClass, type ButtonSize, type ButtonVariant } from './Button';
import { Icon } from './Icon';
import { Tooltip } from './Tooltip';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> {
  icon: string;
  label: string;
  /** Shown in the tooltip after the label, e.g. "Ctrl+B". */
  shortcut?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  tooltipSide?: 'top' | 'right' | 'bottom' | 'left';
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon, label, shortcut, variant = 'ghost', size = 'md', className, tooltipSide, type = 'button', ...rest },
  ref,
) {
  return (
    <Tooltip
      side={tooltipSide ?? 'bottom'}
      content={
        <>
          {label}
          {shortcut ? <kbd className="ui-tooltip-kbd">{shortcut}</kbd> : null}
        </>
      }
    >
      <button
        ref={ref}
        type={type}
        aria-label={label}
        className={buttonClass(variant, size, `btn-icon${className ? ` ${className}` : ''}`)}
        {...rest}
      >
        <Icon name={icon} />
      </button>
    </Tooltip>
  );
});
