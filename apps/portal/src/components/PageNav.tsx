import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/** The title bar of a detail page; back goes to the previous page, or to `fallback` on a deep link. */
export function PageNav({ title, fallback, right }: { title: ReactNode; fallback: string; right?: ReactNode }) {
  const navigate = useNavigate();
  const back = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
  return (
    <NavBar className="page-nav" onBack={back} right={right} backIcon>
      {title}
    </NavBar>
  );
}
